import { assert, until } from '@flint/test-support';
import { sendKeys } from '@web/test-runner-commands';
import { callPair, type Peer, recordingMedia, testGate } from '../controller/call-test-support.ts';
import '../flint-call.ts';
import type { FlintCall } from '../flint-call.ts';

let b: Peer;
let matchId: string;

const inState = (el: FlintCall, state: string) => until(() => el.state === state, state, 15_000);
const focusedText = (el: FlintCall) => el.shadowRoot!.activeElement?.textContent?.trim();

/** A profile form's field with the focus, and b ringing the element. */
async function ringWhileTyping() {
  const field = document.createElement('input');
  field.setAttribute('aria-label', 'Bio');
  document.body.append(field);
  const el = document.createElement('flint-call');
  el.ports = { gate: testGate(), media: recordingMedia().factory };
  document.body.append(el);
  await inState(el, 'IDLE');
  field.focus();
  await sendKeys({ type: 'I like ' });
  assert.ok((await b.emit('call:request', { matchId })).ok, 'b calls');
  await inState(el, 'RINGING');
  await el.updateComplete;
  return { el, field };
}

describe('the ringing prompt never steals focus', () => {
  before(async () => {
    ({ b, matchId } = await callPair('ringkeys'));
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('flint-call')) el.hangUp();
    document.body.replaceChildren();
  });
  after(() => void b.socket.disconnect());

  it('is announced, and keys typed into a field (Space, Enter, letters) stay in the field: nothing is answered', async () => {
    const { el, field } = await ringWhileTyping();
    const live = el.shadowRoot!.querySelector('[part=live]')!;
    await until(() => live.textContent?.includes('is calling you'), 'announced in the live region');
    const dialog = el.shadowRoot!.querySelector('[role=alertdialog]')!;
    assert.strictEqual(dialog.getAttribute('aria-keyshortcuts'), 'F2');
    assert.strictEqual(document.activeElement, field, 'focus stays in the field');
    await sendKeys({ type: 'long walks' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    assert.strictEqual(field.value, 'I like long walks ', 'every key went to the field');
    assert.strictEqual(el.state, 'RINGING', 'still ringing: neither accepted nor declined');
    assert.strictEqual(
      b.received.some(([e]) => e === 'call:prepare' || e === 'call:ended'),
      false,
      'the caller heard no answer',
    );
  });

  it('F2 reaches Accept from the field, Escape goes back to the field, and F2 + Enter answers', async () => {
    const { el, field } = await ringWhileTyping();
    await sendKeys({ press: 'F2' });
    assert.strictEqual(focusedText(el), 'Accept', 'one key reaches the prompt');
    assert.strictEqual(field.value, 'I like ', 'F2 typed nothing');
    await sendKeys({ press: 'Escape' });
    assert.strictEqual(document.activeElement, field, 'Escape gives the focus back');
    assert.strictEqual(el.state, 'RINGING');
    await sendKeys({ press: 'F2' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.state !== 'RINGING', 'answered');
    assert.include(['CHECKING_DEVICES', 'CONNECTING'], el.state, 'on to the gate');
    await b.next('call:prepare');
  });
});
