import { PROTOCOL_VERSION } from '@flint/shared';
import { assert, serverUrl, until } from '@flint/test-support';
import { io } from 'socket.io-client';
import { callPair, recordingMedia, testGate } from '../controller/call-test-support.ts';
import '../flint-call.ts';
import { CallTabs } from './call-tabs.ts';

const held = async () => ((await navigator.locks.query()).held ?? []).filter((l) => l.name === 'flint-call').map((l) => l.mode);

describe('one tab owns the call', () => {
  afterEach(() => document.body.replaceChildren());

  it('in this browser: the owner holds the lock and says so; other tabs, even ones opened later, watch until it lets go', async () => {
    const changes: string[] = [];
    const owner = new CallTabs(() => undefined);
    const other = new CallTabs(() => changes.push(`other:${other.elsewhere}`));
    owner.open();
    other.open();
    owner.own('s1');
    await until(() => other.elsewhere === 's1', 'the other tab is told');
    await until(async () => (await held()).join() === 'exclusive', 'the owner holds the lock');

    const later = new CallTabs(() => undefined);
    later.open();
    await until(() => later.elsewhere === 's1', 'a tab opened later asks and is told');

    owner.free();
    await until(() => other.elsewhere === null && later.elsewhere === null, 'both forget the call');
    await until(async () => (await held()).length === 0, 'the lock is released');
    assert.deepEqual(changes, ['other:s1', 'other:null']);
    for (const tabs of [owner, other, later]) tabs.close();
  });

  it('a tab whose call:resume is answered `elsewhere` says "In a date in another tab" and takes no device, until the call ends', async () => {
    const { a, b, matchId } = await callPair('tabs');
    // a's other tab (its own tab id) starts the call; b accepts: that tab owns a's side.
    const otherTab = io(await serverUrl(), {
      auth: { token: a.token, protocol: PROTOCOL_VERSION, tab: crypto.randomUUID() },
      transports: ['websocket'],
      forceNew: true,
    });
    const request = await otherTab.timeout(5_000).emitWithAck('call:request', { matchId });
    const invite = await b.next('call:invite');
    assert.strictEqual(request.data.sessionId, invite.sessionId);
    assert.strictEqual((await b.emit('call:respond', { sessionId: invite.sessionId, accept: true })).ok, true);

    const gate = testGate();
    const el = document.createElement('flint-call');
    el.ports = { gate, media: recordingMedia().factory };
    document.body.append(el);
    const notice = () => el.shadowRoot!.querySelector('[part=elsewhere]');
    await until(() => notice()?.textContent === 'In a date in another tab', 'the notice');
    assert.strictEqual(notice()!.getAttribute('role'), 'status');
    assert.strictEqual(el.state, 'IDLE');
    assert.deepEqual(gate.asked, [], 'no device asked for');

    await otherTab.timeout(5_000).emitWithAck('call:leave', { sessionId: invite.sessionId });
    await until(() => notice() === null, 'the notice goes when the call ends');
    assert.deepEqual(gate.asked, []);
    otherTab.disconnect();
    b.socket.disconnect();
  });
});
