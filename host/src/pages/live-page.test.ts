import type { Ack, QueueJoinResult } from '@flint/shared';
import { io, type Socket } from 'socket.io-client';
import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { serverUrl, type TestUser } from '../../../realtime-remote/src/test-support/flint-server.ts';
import './live-page.ts';
import { type FlintLivePage, waitingText } from './live-page.ts';
import { assert, assertEqual, button, cleanup, freshUser, mount, shadow, signInWith, waitFor } from './test-support.ts';

/** Another person's device: a raw socket.io client of the real server. */
async function device(user: TestUser): Promise<{ socket: Socket; emit<T>(event: string, payload: unknown): Promise<Ack<T>> }> {
  const socket = io(await serverUrl(), { auth: { token: user.token }, transports: ['websocket'], forceNew: true });
  await waitFor(() => socket.connected, `${user.username} connected`);
  return { socket, emit: (event, payload) => socket.timeout(5_000).emitWithAck(event, payload) };
}

const statusText = (el: FlintLivePage) => shadow(el).querySelector('[role=status]')?.textContent?.trim() ?? '';
const previewTracks = (el: FlintLivePage) =>
  (shadow(el).querySelector<HTMLVideoElement>('video.preview')?.srcObject as MediaStream | null)?.getTracks() ?? [];
const joinButton = (el: FlintLivePage) => button(shadow(el), 'Join the queue');

/** Signs in as a fresh user with a connected socket store and mounts the page; resolves once the preview works. */
async function livePage(prefix: string, props: Partial<FlintLivePage> = {}) {
  const user = await freshUser(prefix);
  signInWith(user);
  realtime.configure({ token: user.token });
  realtime.connect();
  const el = await mount('flint-live-page', { realtime, ...props });
  await waitFor(() => realtime.$connection.get().status === 'connected', 'the socket');
  return { user, el };
}

async function joinAndWait(el: FlintLivePage): Promise<MediaStreamTrack[]> {
  const tracks = await waitFor(() => previewTracks(el).length === 2 && previewTracks(el), 'the preview');
  await waitFor(() => !joinButton(el).disabled, 'Join enabled');
  joinButton(el).click();
  await waitFor(() => statusText(el).startsWith('You are number 1 in line'), `the position (got "${statusText(el)}")`);
  return tracks;
}

describe('flint-live-page', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    cleanup();
    realtime.disconnect();
    for (const s of sockets.splice(0)) s.disconnect();
  });

  it('shows a live camera and microphone preview first; Join is disabled until it works', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const capture = async (c: MediaStreamConstraints) => {
      await answered;
      return navigator.mediaDevices.getUserMedia(c);
    };
    const { el } = await livePage('livepre', { capture });
    assertEqual(statusText(el), '', 'nothing to say yet');
    assert(shadow(el).textContent?.includes('Checking your camera and microphone…'), 'checking');
    assertEqual(joinButton(el).disabled, true, 'Join before the devices answered');
    answer();
    const tracks = await waitFor(() => previewTracks(el).length === 2 && previewTracks(el), 'the preview');
    assertEqual(
      tracks
        .map((t) => `${t.kind}:${t.readyState}`)
        .sort()
        .join(),
      'audio:live,video:live',
      'preview tracks',
    );
    assertEqual(shadow(el).querySelector('video.preview')?.getAttribute('aria-label'), 'Your camera preview', 'labelled preview');
    await waitFor(() => !joinButton(el).disabled, 'Join enabled once the devices work');
  });

  it('join → position from the server → leave: out of the queue, preview tracks stopped', async () => {
    const { el } = await livePage('livejoin');
    const tracks = await joinAndWait(el);
    assert(
      tracks.every((t) => t.readyState === 'live'),
      'the camera stays warm while waiting',
    );
    button(shadow(el), 'Leave the queue').click();
    await waitFor(() => statusText(el) === '', 'the status cleared');
    assert(
      tracks.every((t) => t.readyState === 'ended'),
      'every preview track stopped on leave',
    );
    button(shadow(el), 'Turn on camera and microphone');
    assertEqual(joinButton(el).disabled, true, 'Join needs the preview again');

    // The server agrees: a newcomer finds nobody to pair with.
    const other = await device(await freshUser('livejoinb'));
    sockets.push(other.socket);
    const ack = await other.emit<QueueJoinResult>('queue:join', {});
    assert(ack.ok && ack.data.status === 'waiting', `the newcomer waits: ${JSON.stringify(ack)}`);
    await other.emit('queue:leave', {});
  });

  it('disconnecting the page stops the preview and leaves the queue', async () => {
    const { el } = await livePage('livegone');
    const tracks = await joinAndWait(el);
    el.remove();
    assert(
      tracks.every((t) => t.readyState === 'ended'),
      'every preview track stopped on disconnect',
    );
    const other = await device(await freshUser('livegoneb'));
    sockets.push(other.socket);
    // The leave left before this client even connected: a join now must find nobody to pair with.
    const ack = await other.emit<QueueJoinResult>('queue:join', {});
    assert(ack.ok && ack.data.status === 'waiting', `the page's user left the queue: ${JSON.stringify(ack)}`);
    await other.emit('queue:leave', {});
  });

  it('call:matched: "Matched with …! Starting…" and the preview released before the call takes the devices', async () => {
    const { el } = await livePage('livematch');
    const tracks = await joinAndWait(el);
    const peer = await freshUser('livematchb');
    const other = await device(peer);
    sockets.push(other.socket);
    const ack = await other.emit<QueueJoinResult>('queue:join', {});
    assert(ack.ok && ack.data.status === 'matched', `paired with the page's user: ${JSON.stringify(ack)}`);
    await waitFor(() => statusText(el) === `Matched with ${peer.displayName}! Starting…`, `the matched status (got "${statusText(el)}")`);
    assert(
      tracks.every((t) => t.readyState === 'ended'),
      'preview released at call:matched',
    );
    assertEqual(shadow(el).querySelectorAll('button').length, 0, 'no queue controls while the call starts');

    // The session ends (the other person leaves): the page is back to the device step.
    await other.emit('call:leave', { sessionId: ack.data.sessionId });
    await waitFor(() => !shadow(el).textContent?.includes('Matched'), 'back from the call');
    button(shadow(el), 'Turn on camera and microphone').click();
    await waitFor(() => !joinButton(el).disabled, 'Join enabled again');
  });

  it('a typed device failure with guidance; Try again recovers without a reload', async () => {
    let failures = 1;
    const capture = (c: MediaStreamConstraints) =>
      failures-- > 0 ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : navigator.mediaDevices.getUserMedia(c);
    const { el } = await livePage('livefail', { capture });
    const alert = await waitFor(() => shadow(el).querySelector<HTMLElement>('[data-failure]'), 'the failure');
    assertEqual(alert.dataset.failure, 'permission-denied', 'failure type');
    assertEqual(alert.getAttribute('role'), 'alert', 'announced');
    assert(alert.textContent?.includes('site settings'), 'says what to do');
    assertEqual(joinButton(el).disabled, true, 'Join disabled while the devices fail');
    button(shadow(el), 'Try again').click();
    await waitFor(() => !joinButton(el).disabled, 'Join enabled after the retry');
  });

  it('phrases the wait: position, then the estimate in seconds or minutes', () => {
    assertEqual(waitingText('en', {}), 'Waiting for someone to join…', 'no position yet');
    assertEqual(waitingText('en', { position: 3 }), 'You are number 3 in line', 'no estimate yet');
    assertEqual(waitingText('en', { position: 3, estimateMs: 44_600 }), 'You are number 3 in line · about 45 s', 'seconds');
    assertEqual(waitingText('en', { position: 9, estimateMs: 150_000 }), 'You are number 9 in line · about 3 min', 'minutes');
    assertEqual(waitingText('es', { position: 2, estimateMs: 5_000 }), 'Eres el número 2 de la cola · unos 5 s', 'Spanish');
  });
});
