import { PROTOCOL_VERSION } from '@flint/shared';
import { assert, serverUrl, until } from '@flint/test-support';
import { io } from 'socket.io-client';
import { callPair, type Peer, recordingMedia, testGate } from '../controller/call-test-support.ts';
import '../flint-call.ts';
import type { FlintCall } from '../flint-call.ts';
import { buttonNamed, userGesture } from '../ui/test-support.ts';

let a: { token: string };
let b: Peer;
let matchId: string;

const inState = (el: FlintCall, state: string) => until(() => el.state === state, state, 15_000);
const ringtone = (el: FlintCall) => el.getAttribute('data-ringtone');
const TITLE = 'Profile — Flint';

/** b rings the element; resolves once it rings, with the session. */
async function ring(): Promise<{ el: FlintCall; sessionId: string }> {
  const el = document.createElement('flint-call');
  el.ports = { gate: testGate(), media: recordingMedia().factory };
  document.body.append(el);
  await inState(el, 'IDLE');
  // The previous test's session may still be ending (its hang-up is on its way): ask until free.
  let request = await b.emit('call:request', { matchId });
  for (let i = 0; i < 20 && !request.ok && request.error.code === 'busy'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    request = await b.emit('call:request', { matchId });
  }
  assert.ok(request.ok, `b calls: ${JSON.stringify(request)}`);
  await inState(el, 'RINGING');
  return { el, sessionId: request.ok ? request.data.sessionId : '' };
}

/** Once ringing stops: silent (the audio context closed) and the title back as it was. */
async function quiet(el: FlintCall) {
  await until(() => ringtone(el) === null, 'the ringtone stops');
  assert.strictEqual(document.title, TITLE, 'the title is back');
}

describe('it rings', () => {
  before(async () => {
    ({ a, b, matchId } = await callPair('ringer'));
  });
  beforeEach(() => {
    document.title = TITLE;
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('flint-call')) el.hangUp();
    document.body.replaceChildren();
  });
  after(() => void b.socket.disconnect());

  // First, before any user gesture on this page: the browser's autoplay policy holds the sound back.
  it('before any click the browser blocks the ringtone and the prompt says so; a click starts it; cancelling stops it', async () => {
    const { el, sessionId } = await ring();
    await until(() => ringtone(el) === 'blocked', 'blocked by the autoplay policy');
    await el.updateComplete;
    assert.include(el.shadowRoot!.querySelector('[data-sound-blocked]')?.textContent, 'Your browser muted the ringtone');
    await until(() => document.title === `📞 ${b.user.displayName} is calling`, 'the title flashes');
    await until(() => document.title === TITLE, 'and back, flashing');
    await userGesture();
    await until(() => ringtone(el) === 'playing', 'a click lets it play');
    await el.updateComplete;
    assert.isNull(el.shadowRoot!.querySelector('[data-sound-blocked]'), 'no longer said to be blocked');
    await b.emit('call:leave', { sessionId });
    await inState(el, 'IDLE');
    await quiet(el);
  });

  it('accepting stops it', async () => {
    const { el } = await ring();
    await until(() => ringtone(el) === 'playing', 'plays');
    buttonNamed(el.shadowRoot!, 'Accept').click();
    await until(() => el.state !== 'RINGING', 'answered');
    await quiet(el);
  });

  it('declining stops it', async () => {
    const { el } = await ring();
    await until(() => ringtone(el) === 'playing', 'plays');
    buttonNamed(el.shadowRoot!, 'Decline').click();
    await inState(el, 'IDLE');
    await quiet(el);
  });

  it('answered in another tab stops it', async () => {
    const { el, sessionId } = await ring();
    await until(() => ringtone(el) === 'playing', 'plays');
    const otherTab = io(await serverUrl(), {
      auth: { token: a.token, protocol: PROTOCOL_VERSION, tab: crypto.randomUUID() },
      transports: ['websocket'],
      forceNew: true,
    });
    assert.ok((await otherTab.timeout(5_000).emitWithAck('call:respond', { sessionId, accept: true })).ok, 'answered elsewhere');
    await inState(el, 'IDLE');
    await quiet(el);
    await otherTab.timeout(5_000).emitWithAck('call:leave', { sessionId });
    otherTab.disconnect();
  });
});
