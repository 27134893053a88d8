import { callPair, type Peer, type RecordingMedia, recordingMedia, testGate } from './controller/call-test-support.ts';
import type { FlintCallEndedEvent } from './events/index.ts';
import './flint-call.ts';
import { assert, until } from '@flint/test-support';
import type { FlintCall } from './flint-call.ts';
import { buttonNamed, userGesture } from './ui/test-support.ts';

let b: Peer;
let matchId: string;
let conversationId: string;

function mount(gate = testGate(), media: RecordingMedia = recordingMedia()) {
  const el = document.createElement('flint-call');
  el.ports = { gate, media: media.factory };
  const states: string[] = [];
  const ended: FlintCallEndedEvent[] = [];
  document.body.addEventListener('flint-call-state-change', (e) => states.push(`${e.detail.state}:${e.detail.stage}`));
  document.body.addEventListener('flint-call-ended', (e) => ended.push(e));
  document.body.append(el);
  return { el, gate, media, states, ended };
}
// Generous: CI shares two cores with browsers and servers; a state that comes returns at once.
const inState = (el: FlintCall, state: string) => until(() => el.getAttribute('state') === state && el.state === state, state, 15_000);
const button = (el: FlintCall, name: string) => buttonNamed(el.shadowRoot!, name);

/** a calls, b accepts, both pass the gate: stage 1 runs. */
async function toStage(el: FlintCall) {
  el.startSession(matchId, 'staged');
  await inState(el, 'DIALING');
  const invite = await b.next('call:invite');
  assert.strictEqual((await b.emit('call:respond', { sessionId: invite.sessionId, accept: true })).ok, true, 'b accepts');
  await b.next('call:prepare');
  await inState(el, 'CONNECTING');
  assert.strictEqual((await b.emit('call:ready', { sessionId: invite.sessionId, stage: 1 })).ok, true, 'b ready');
  await inState(el, 'STAGE_ACTIVE');
  return invite.sessionId as string;
}

describe('<flint-call> against the real server', () => {
  before(async () => {
    ({ b, matchId, conversationId } = await callPair('call'));
    await userGesture();
  });
  // A failed test must not leave its session running: the next call would be "busy".
  afterEach(() => {
    for (const el of document.querySelectorAll('flint-call')) el.hangUp();
    document.body.replaceChildren();
  });
  after(() => void b.socket.disconnect());

  it('is defined once, IDLE with stage 0, with an aria-live region', async () => {
    const { el } = mount();
    await el.updateComplete;
    assert.strictEqual(el.getAttribute('state'), 'IDLE', 'state');
    assert.strictEqual(el.getAttribute('stage'), '0', 'stage');
    assert.strictEqual(el.shadowRoot!.querySelector('[part=live]')!.getAttribute('aria-live'), 'polite', 'live region');
  });

  it('startSession → the peer is invited; gate, ready, stage 1 with the gate’s stream; mute is relayed; hang-up ends it', async () => {
    const { el, gate, media, states, ended } = mount();
    const sessionId = await toStage(el);
    assert.strictEqual(gate.asked.join(), 'audio', 'stage 1 asked for the microphone only');
    await until(() => media.log.includes('start:1:audio'), 'engine started with the gate stream');
    assert.strictEqual(el.stage, 1, 'stage');
    assert.strictEqual(
      states.join(' '),
      'DIALING:0 DIALING:0 CHECKING_DEVICES:1 CONNECTING:1 STAGE_ACTIVE:1',
      'state events (the ack adds the sessionId)',
    );

    button(el, 'Mute').click();
    const peerState = await b.next('call:peer-state');
    assert.strictEqual(JSON.stringify(peerState), JSON.stringify({ sessionId, connected: true, audio: false, video: true }), 'peer told');
    assert.ok(media.log.includes('send:audio:false'), 'engine stops sending audio');
    await el.updateComplete;
    button(el, 'Unmute');

    const signals: unknown[] = [];
    media.signaling().onSignal((data) => signals.push(data));
    await b.emit('call:signal', { sessionId, data: { probe: 1 } });
    await until(() => signals.length === 1, 'b’s signal reaches the engine');
    media.signaling().send({ answer: 2 });
    assert.strictEqual(JSON.stringify((await b.next('call:signal')).data), '{"answer":2}', 'the engine’s signal reaches b');

    button(el, 'Hang up').click();
    await inState(el, 'FINISHED');
    assert.strictEqual((await b.next('call:ended')).reason, 'hung-up', 'b told');
    assert.strictEqual(ended.length, 1, 'one flint-call-ended');
    assert.strictEqual(ended[0]!.detail.reason, 'hung-up', 'reason');
    assert.strictEqual(ended[0]!.detail.conversationId, conversationId, 'conversation (for the host’s routing)');
    assert.strictEqual(ended[0]!.detail.sessionId, sessionId, 'session');
    await until(() => media.log.includes('close'), 'engine closed');
    assert.ok(
      gate.streams[0]!.getTracks().every((t) => t.readyState === 'ended'),
      'local tracks stopped',
    );
    await el.updateComplete;
    button(el, 'Back to chat').click();
    await inState(el, 'IDLE');
    assert.strictEqual(el.stage, 0, 'stage back to 0');
  });

  it('ringing: the alertdialog leaves the focus where it was; Decline ends the session as declined', async () => {
    const { el, ended } = mount();
    const outside = document.createElement('button');
    outside.textContent = 'outside';
    document.body.append(outside);
    outside.focus();
    const request = await b.emit('call:request', { matchId });
    assert.ok(request.ok, 'b calls');
    await inState(el, 'RINGING');
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('[role=alertdialog]')!;
    assert.strictEqual(document.activeElement, outside, 'focus not stolen (ring-keys.test.ts: F2 reaches it)');
    assert.ok(dialog.getAttribute('aria-labelledby') && dialog.getAttribute('aria-describedby'), 'labelled and described');
    button(el, 'Decline').click();
    await inState(el, 'IDLE');
    await el.updateComplete;
    assert.strictEqual(document.activeElement, outside, 'focus still there');
    assert.strictEqual(ended[0]?.detail.reason, 'declined', 'ended as declined');
    assert.strictEqual((await b.next('call:ended')).reason, 'declined', 'b told');
  });

  it('a failed gate shows guidance and retries without reload; giving up ends it for both', async () => {
    const { el, gate, ended } = mount(testGate(['NotAllowedError', 'NotReadableError']));
    el.startSession(matchId, 'staged');
    const invite = await b.next('call:invite');
    await b.emit('call:respond', { sessionId: invite.sessionId, accept: true });
    await until(() => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.includes('not allowed'), 'guidance');
    assert.strictEqual(el.state, 'CHECKING_DEVICES', 'the stage does not start');
    button(el, 'Try again').click();
    await until(() => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.includes('in use'), 'the next failure');
    assert.strictEqual(gate.asked.length, 2, 'retried');
    button(el, 'Hang up').click();
    await inState(el, 'FAILED');
    assert.strictEqual(ended[0]?.detail.reason, 'device-unavailable', 'reason');
    const theirs = await b.next('call:ended');
    assert.strictEqual(theirs.reason, 'device-unavailable', 'b told');
    assert.strictEqual(theirs.deviceFailure, undefined, 'b is not told which failure');
    assert.ok(el.shadowRoot!.textContent!.includes('your camera or microphone was not available'), 'own summary');
  });

  it('a new element (a reload) rejoins the running stage through call:resume', async () => {
    const first = mount();
    const sessionId = await toStage(first.el);
    first.el.remove();
    const second = mount();
    // From the event log, not the live attribute: the server may start the stage for the rejoiner
    // (CONNECTING → STAGE_ACTIVE) faster than a poll looks.
    await until(() => second.states.includes('CONNECTING:1'), 'CONNECTING on the new element', 15_000);
    assert.strictEqual(second.el.stage, 1, 'same stage');
    await until(() => second.media.log.includes('start:1:audio'), 'media restarted');
    second.media.callbacks().onLinkState('connected');
    await inState(second.el, 'STAGE_ACTIVE');
    second.el.hangUp();
    assert.strictEqual((await b.next('call:ended')).sessionId, sessionId, 'same session');
  });
});
