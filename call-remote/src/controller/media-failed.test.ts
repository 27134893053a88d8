/**
 * <flint-call> against the real server when the media engine finds no path to the peer: the report
 * ends the session for both (`media-failed`), the element says so clearly and emits its ended event
 * with that reason (the host routes on it). The engine's own detection has its tests in
 * media/webrtc/connection-care.test.ts; here a recording engine says `unreachable`.
 */
import '../flint-call.ts';
import { assert, until } from '@flint/test-support';
import type { FlintCallEndedEvent } from '../events/index.ts';
import type { FlintCall } from '../flint-call.ts';
import { userGesture } from '../ui/test-support.ts';
import { callPair, type Peer, recordingMedia, testGate } from './call-test-support.ts';

let b: Peer;
let matchId: string;
let conversationId: string;

const inState = (el: FlintCall, state: string) => until(() => el.state === state, state, 15_000);

describe('<flint-call>: a call that cannot connect', () => {
  before(async () => {
    ({ b, matchId, conversationId } = await callPair('nopath'));
    await userGesture();
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('flint-call')) el.hangUp();
    document.body.replaceChildren();
  });
  after(() => void b.socket.disconnect());

  it('is told, ends media-failed for both, shows why and emits flint-call-ended with the reason', async () => {
    const media = recordingMedia();
    const el = document.createElement('flint-call');
    el.ports = { gate: testGate(), media: media.factory };
    const ended: FlintCallEndedEvent[] = [];
    document.body.addEventListener('flint-call-ended', (e) => ended.push(e));
    document.body.append(el);
    el.startSession(matchId, 'staged');
    const invite = await b.next('call:invite');
    await b.emit('call:respond', { sessionId: invite.sessionId, accept: true });
    await b.next('call:prepare');
    await inState(el, 'CONNECTING');
    await b.emit('call:ready', { sessionId: invite.sessionId, stage: 1 });
    await inState(el, 'STAGE_ACTIVE');

    media.callbacks().onLinkState('failed');
    await inState(el, 'RECONNECTING');
    media.callbacks().onLinkState('unreachable');
    await inState(el, 'FAILED');
    const theirs = await b.next('call:ended');
    assert.strictEqual(theirs.reason, 'media-failed', 'the other side is told');
    assert.strictEqual(ended.length, 1, 'one ended event');
    assert.deepEqual(
      { ...ended[0]!.detail },
      { sessionId: invite.sessionId, kind: 'staged', reason: 'media-failed', conversationId },
      'the host can route back to the chat',
    );
    assert.ok(el.shadowRoot!.textContent!.includes('could not connect'), 'a clear message');
    assert.ok(media.log.includes('close'), 'media closed');
  });
});
