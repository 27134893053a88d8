import { assert, until } from '@flint/test-support';
import '../flint-call.ts';
import type { FlintCall } from '../flint-call.ts';
import { callPair, type Peer, recordingMedia, testGate } from './call-test-support.ts';

let b: Peer;
let matchId: string;

function mount(): FlintCall {
  const el = document.createElement('flint-call');
  el.ports = { gate: testGate(), media: recordingMedia().factory };
  document.body.append(el);
  return el;
}
const said = (el: FlintCall) => el.shadowRoot!.querySelector('[part=peer-state]')?.textContent?.trim() ?? '';

describe("the other person's name and microphone, kept with the session", () => {
  before(async () => {
    ({ b, matchId } = await callPair('peermedia'));
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('flint-call')) el.hangUp();
    document.body.replaceChildren();
  });
  after(() => void b.socket.disconnect());

  it("the caller sees the callee's name; their mute shows, and is still shown after a reload; ours is re-sent on resume", async () => {
    const first = mount();
    first.startSession(matchId, 'staged');
    const invite = await b.next('call:invite');
    const sessionId = invite.sessionId;
    await b.emit('call:respond', { sessionId, accept: true });
    await b.next('call:prepare');
    await until(() => first.state === 'CONNECTING', 'gate passed');
    await b.emit('call:ready', { sessionId, stage: 1 });
    await until(() => first.state === 'STAGE_ACTIVE', 'stage 1');
    await first.updateComplete;
    assert.include(first.shadowRoot!.textContent, `Voice only: ${b.user.displayName}`, 'the name, not "the other person"');

    await b.emit('call:media', { sessionId, audio: false, video: true });
    await until(() => said(first) === `${b.user.displayName} muted their microphone`, 'their mute shows');

    first.remove(); // a reload: a new element, nothing remembered but what the server keeps
    const second = mount();
    await until(() => said(second) === `${b.user.displayName} muted their microphone`, 'still shown after the reload', 15_000);
    const resent = await b.next('call:peer-state');
    assert.deepEqual({ audio: resent.audio, video: resent.video }, { audio: true, video: true }, 'our state told again');
  });
});
