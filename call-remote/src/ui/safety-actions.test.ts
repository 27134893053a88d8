import * as store from 'realtime/socket-store';
import { callPair, type Peer, recordingMedia, testGate } from '../controller/call-test-support.ts';
import type { RealtimePort } from '../controller/ports.ts';
import '../flint-call.ts';
import { assert, until } from '@flint/test-support';
import type { FlintCall } from '../flint-call.ts';
import { FIXTURES } from '../fsm/test-fixtures.ts';
import { renderIntermission } from '../intermission/intermission-overlay.ts';
import { SafetyController } from './safety-actions.ts';
import { renderSummary } from './summary.ts';
import { buttonNamed, show, text, userGesture, viewModel } from './test-support.ts';

/** The tab's real socket store, recording what the element asks of the server. */
function recordingRealtime() {
  const sent: Array<[string, unknown]> = [];
  const realtime: RealtimePort = {
    $connection: store.$connection,
    subscribe: store.subscribe,
    request: (event, payload) => {
      sent.push([event, payload]);
      return store.request(event, payload);
    },
  };
  return { realtime, sent };
}

/** A fresh matched pair (a block is forever), `a` in this tab's element and `b` a raw socket, both in stage 1. */
async function inStage() {
  const { b, matchId } = await callPair('safety');
  const { realtime, sent } = recordingRealtime();
  const el = document.createElement('flint-call');
  el.ports = { gate: testGate(), media: recordingMedia().factory, realtime };
  document.body.append(el);
  el.startSession(matchId, 'staged');
  const invite = await b.next('call:invite');
  assert.strictEqual((await b.emit('call:respond', { sessionId: invite.sessionId, accept: true })).ok, true, 'b accepts');
  await until(() => el.state === 'CONNECTING', 'connecting');
  assert.strictEqual((await b.emit('call:ready', { sessionId: invite.sessionId, stage: 1 })).ok, true, 'b ready');
  await until(() => el.state === 'STAGE_ACTIVE', 'stage 1');
  return { el, b, sent, sessionId: invite.sessionId as string };
}

const root = (el: FlintCall) => el.shadowRoot!;
const dialog = (el: FlintCall) => root(el).querySelector<HTMLDialogElement>('dialog[data-safety]');
const labelOf = (el: FlintCall, node: Element) => text(root(el).getElementById(node.getAttribute('aria-labelledby')!)!);

describe('Report and Block inside a call', () => {
  let peers: Peer[] = [];
  before(() => userGesture());
  afterEach(() => {
    for (const el of document.querySelectorAll('flint-call')) el.hangUp();
    document.body.replaceChildren();
    for (const p of peers) p.socket.disconnect();
    peers = [];
  });

  it('Report: a labelled modal dialog; an empty reason is refused; {sessionId, reason} ends the call for both', async () => {
    const { el, b, sent, sessionId } = await inStage();
    peers.push(b);
    buttonNamed(root(el), 'Report').click();
    await el.updateComplete;
    const open = dialog(el)!;
    assert.ok(open.open && open.matches(':modal'), 'a modal dialog');
    // The caller learns the callee's name from call:prepare (issue 10).
    assert.strictEqual(labelOf(el, open), `Report ${b.user.displayName}`, 'dialog name');
    const reason = open.querySelector('textarea')!;
    assert.strictEqual(text(root(el).querySelector(`label[for=${reason.id}]`)!), 'What happened?', 'textarea label');
    assert.strictEqual(reason.maxLength, 500, 'at most 500 characters');
    assert.strictEqual(root(el).activeElement, reason, 'focus in the textarea');

    buttonNamed(open, 'Send report').click();
    await el.updateComplete;
    assert.strictEqual(text(open.querySelector('[role=alert]')!), 'Say what happened first.', 'empty reason refused');
    assert.strictEqual(sent.filter(([e]) => e === 'call:report').length, 0, 'nothing sent');

    reason.value = '  rude and threatening  ';
    reason.dispatchEvent(new InputEvent('input'));
    buttonNamed(open, 'Send report').click();
    const theirs = await b.next('call:ended');
    assert.strictEqual(
      JSON.stringify(sent.find(([e]) => e === 'call:report')),
      JSON.stringify(['call:report', { sessionId, reason: 'rude and threatening' }]),
      'payload',
    );
    assert.strictEqual(theirs.reason, 'reported', 'ended for the other side at once');
    assert.strictEqual(theirs.conversationId, null, 'no chat to route to');
    await until(() => el.state === 'FINISHED', 'ended here too');
    await el.updateComplete;
    assert.strictEqual(dialog(el), null, 'dialog gone');
    assert.ok(text(root(el).querySelector('[part=summary]')!).includes('Report sent.'), 'the reporter is told the report went');
  });

  it('Block: a confirm; Cancel sends nothing and gives focus back; "Yes, block" ends the call for both', async () => {
    const { el, b, sent, sessionId } = await inStage();
    peers.push(b);
    const opener = buttonNamed(root(el), 'Block');
    opener.focus();
    opener.click();
    await el.updateComplete;
    assert.strictEqual(labelOf(el, dialog(el)!), `Block ${b.user.displayName}?`, 'confirm name');
    assert.strictEqual(root(el).activeElement, buttonNamed(dialog(el)!, 'Cancel'), 'focus on the safe choice');
    buttonNamed(dialog(el)!, 'Cancel').click();
    await el.updateComplete;
    assert.strictEqual(dialog(el), null, 'closed');
    assert.strictEqual(root(el).activeElement, opener, 'focus back on Block');
    assert.strictEqual(el.state, 'STAGE_ACTIVE', 'the call goes on');

    opener.click();
    await el.updateComplete;
    buttonNamed(dialog(el)!, 'Yes, block').click();
    assert.strictEqual((await b.next('call:ended')).reason, 'reported', 'ended for the other side with the neutral reason');
    assert.strictEqual(JSON.stringify(sent.find(([e]) => e === 'call:block')), JSON.stringify(['call:block', { sessionId }]), 'payload');
    await until(() => el.state === 'FINISHED', 'ended here too');
    await el.updateComplete;
    assert.ok(text(root(el).querySelector('[part=summary]')!).startsWith('Call ended Blocked.'), 'the blocker is told');
  });

  it('the other side’s summary is neutral: nothing says who acted', () => {
    const reported = { ...FIXTURES.finished, context: { ...FIXTURES.finished.context, endReason: 'reported' as const } };
    const summary = text(show(renderSummary(viewModel(reported).vm)));
    assert.ok(summary.includes('The call was ended.'), summary);
    assert.ok(!/report|block/i.test(summary), `no hint of a report: ${summary}`);
  });

  it('the intermission, which is modal, carries Report and Block inside it', () => {
    const host = Object.assign(document.createElement('div'), { addController() {}, requestUpdate() {} });
    const safety = new SafetyController(
      host as never,
      () => null,
      () => FIXTURES.intermission.context.sessionId,
    );
    const overlay = show(renderIntermission(viewModel(FIXTURES.intermission, { safety }).vm));
    const modal = overlay.querySelector('[role=dialog][aria-modal=true]')!;
    buttonNamed(modal, 'Report');
    buttonNamed(modal, 'Block').click();
    assert.strictEqual(safety.dialog, 'block', 'the confirm opens');
  });
});
