import type { Ack, QueueJoinResult } from '@flint/shared';
import { io, type Socket } from 'socket.io-client';
import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import './live-page.ts';
import { assert, freshUser, serverUrl, type TestUser, until } from '@flint/test-support';
import { FlintCallEndedEvent } from '../../../call-remote/src/events/index.ts';
import { type FlintLivePage, waitingText } from './live-page.ts';
import { button, cleanup, mount, shadow, signInWith } from './test-support.ts';

/** Another person's device: a raw socket.io client of the real server. */
async function device(user: TestUser): Promise<{ socket: Socket; emit<T>(event: string, payload: unknown): Promise<Ack<T>> }> {
  const socket = io(await serverUrl(), { auth: { token: user.token }, transports: ['websocket'], forceNew: true });
  await until(() => socket.connected, `${user.username} connected`);
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
  await until(() => realtime.$connection.get().status === 'connected', 'the socket');
  return { user, el };
}

async function joinAndWait(el: FlintLivePage): Promise<MediaStreamTrack[]> {
  const tracks = await until(() => previewTracks(el).length === 2 && previewTracks(el), 'the preview');
  await until(() => !joinButton(el).disabled, 'Join enabled');
  joinButton(el).click();
  await until(() => statusText(el).startsWith('You are number 1 in line'), `the position (got "${statusText(el)}")`);
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
    assert.strictEqual(statusText(el), '', 'nothing to say yet');
    assert.ok(shadow(el).textContent?.includes('Checking your camera and microphone…'), 'checking');
    assert.strictEqual(joinButton(el).disabled, true, 'Join before the devices answered');
    answer();
    const tracks = await until(() => previewTracks(el).length === 2 && previewTracks(el), 'the preview');
    assert.strictEqual(
      tracks
        .map((t) => `${t.kind}:${t.readyState}`)
        .sort()
        .join(),
      'audio:live,video:live',
      'preview tracks',
    );
    assert.strictEqual(shadow(el).querySelector('video.preview')?.getAttribute('aria-label'), 'Your camera preview', 'labelled preview');
    await until(() => !joinButton(el).disabled, 'Join enabled once the devices work');
  });

  it('join → position from the server → leave: out of the queue, preview tracks stopped', async () => {
    const { el } = await livePage('livejoin');
    const tracks = await joinAndWait(el);
    assert.ok(
      tracks.every((t) => t.readyState === 'live'),
      'the camera stays warm while waiting',
    );
    button(shadow(el), 'Leave the queue').click();
    await until(() => statusText(el) === '', 'the status cleared');
    assert.ok(
      tracks.every((t) => t.readyState === 'ended'),
      'every preview track stopped on leave',
    );
    button(shadow(el), 'Turn on camera and microphone');
    assert.strictEqual(joinButton(el).disabled, true, 'Join needs the preview again');

    // The server agrees: a newcomer finds nobody to pair with.
    const other = await device(await freshUser('livejoinb'));
    sockets.push(other.socket);
    const ack = await other.emit<QueueJoinResult>('queue:join', {});
    assert.ok(ack.ok && ack.data.status === 'waiting', `the newcomer waits: ${JSON.stringify(ack)}`);
    await other.emit('queue:leave', {});
  });

  it('disconnecting the page stops the preview and leaves the queue', async () => {
    const { el } = await livePage('livegone');
    const tracks = await joinAndWait(el);
    el.remove();
    assert.ok(
      tracks.every((t) => t.readyState === 'ended'),
      'every preview track stopped on disconnect',
    );
    const other = await device(await freshUser('livegoneb'));
    sockets.push(other.socket);
    // The leave left before this client even connected: a join now must find nobody to pair with.
    const ack = await other.emit<QueueJoinResult>('queue:join', {});
    assert.ok(ack.ok && ack.data.status === 'waiting', `the page's user left the queue: ${JSON.stringify(ack)}`);
    await other.emit('queue:leave', {});
  });

  it('call:matched: "Matched with …! Starting…" and the preview released before the call takes the devices', async () => {
    const { el } = await livePage('livematch');
    const tracks = await joinAndWait(el);
    const peer = await freshUser('livematchb');
    const other = await device(peer);
    sockets.push(other.socket);
    const ack = await other.emit<QueueJoinResult>('queue:join', {});
    assert.ok(ack.ok && ack.data.status === 'matched', `paired with the page's user: ${JSON.stringify(ack)}`);
    await until(() => statusText(el) === `Matched with ${peer.displayName}! Starting…`, `the matched status (got "${statusText(el)}")`);
    assert.ok(
      tracks.every((t) => t.readyState === 'ended'),
      'preview released at call:matched',
    );
    assert.strictEqual(shadow(el).querySelectorAll('button').length, 0, 'no queue controls while the call starts');

    // The session ends (the other person leaves) and <flint-call>, which the shell mounts beside the
    // page, says so: the page is back to the device step. Another session's end changes nothing.
    const { sessionId } = ack.data;
    await other.emit('call:leave', { sessionId });
    const ended = (id: string) => new FlintCallEndedEvent({ sessionId: id, kind: 'live', reason: 'hung-up', conversationId: null });
    window.dispatchEvent(ended(crypto.randomUUID()));
    await el.updateComplete;
    assert.ok(shadow(el).textContent?.includes('Matched'), 'still in the call after another session ended');
    window.dispatchEvent(ended(sessionId));
    await until(() => !shadow(el).textContent?.includes('Matched'), 'back from the call');
    button(shadow(el), 'Turn on camera and microphone').click();
    await until(() => !joinButton(el).disabled, 'Join enabled again');
  });

  it('a typed device failure with guidance; Try again recovers without a reload', async () => {
    let failures = 1;
    const capture = (c: MediaStreamConstraints) =>
      failures-- > 0 ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : navigator.mediaDevices.getUserMedia(c);
    const { el } = await livePage('livefail', { capture });
    const alert = await until(() => shadow(el).querySelector<HTMLElement>('[data-failure]'), 'the failure');
    assert.strictEqual(alert.dataset.failure, 'permission-denied', 'failure type');
    assert.strictEqual(alert.getAttribute('role'), 'alert', 'announced');
    assert.ok(alert.textContent?.includes('site settings'), 'says what to do');
    assert.strictEqual(joinButton(el).disabled, true, 'Join disabled while the devices fail');
    button(shadow(el), 'Try again').click();
    await until(() => !joinButton(el).disabled, 'Join enabled after the retry');
  });

  it('phrases the wait: position, then the estimate in seconds or minutes', () => {
    assert.strictEqual(waitingText('en', {}), 'Waiting for someone to join…', 'no position yet');
    assert.strictEqual(waitingText('en', { position: 3 }), 'You are number 3 in line', 'no estimate yet');
    assert.strictEqual(waitingText('en', { position: 3, estimateMs: 44_600 }), 'You are number 3 in line · about 45 s', 'seconds');
    assert.strictEqual(waitingText('en', { position: 9, estimateMs: 150_000 }), 'You are number 9 in line · about 3 min', 'minutes');
    assert.strictEqual(waitingText('es', { position: 2, estimateMs: 5_000 }), 'Eres el número 2 de la cola · unos 5 s', 'Spanish');
  });
});
