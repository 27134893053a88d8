/**
 * Teardown proven (issue 10, item 10): `<flint-call>` mounted and removed 100 times while a call
 * runs (each new element rejoins it, as a re-rendering host would make it) leaves the tab's one
 * socket as it was, no live capture track and no subscription to the store.
 */
import { assert, until } from '@flint/test-support';
import * as store from 'realtime/socket-store';
import { callPair, type Peer, recordingMedia, testGate } from './controller/call-test-support.ts';
import type { RealtimePort } from './controller/ports.ts';
import './flint-call.ts';
import type { FlintCall } from './flint-call.ts';
import { userGesture } from './ui/test-support.ts';

/** The tab's store, counting what elements still hold of it: event subscriptions and $connection listeners. */
function countingStore() {
  let held = 0;
  const hold = (stop: () => void) => {
    held += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held -= 1;
      stop();
    };
  };
  const port: RealtimePort = {
    request: store.request,
    subscribe: (event, handler) => hold(store.subscribe(event, handler)),
    $connection: { subscribe: (listener) => hold(store.$connection.subscribe(listener)) },
  };
  return { port, held: () => held };
}

describe('<flint-call> teardown', () => {
  let b: Peer;
  let matchId: string;
  before(async () => {
    ({ b, matchId } = await callPair('teardown'));
    await userGesture();
  });
  after(() => void b.socket.disconnect());

  it('mounted and removed 100 times during a call: one socket, no live capture track, no listener left', async () => {
    const gate = testGate();
    const realtime = countingStore();
    const mount = () => {
      const el = document.createElement('flint-call') as FlintCall;
      el.ports = { gate, media: recordingMedia().factory, realtime: realtime.port };
      document.body.append(el);
      return el;
    };

    const first = mount();
    first.startSession(matchId, 'staged');
    const invite = await b.next('call:invite');
    assert.isTrue((await b.emit('call:respond', { sessionId: invite.sessionId, accept: true })).ok, 'b accepts');
    await b.next('call:prepare');
    assert.isTrue((await b.emit('call:ready', { sessionId: invite.sessionId, stage: 1 })).ok, 'b ready');
    await until(() => first.state === 'STAGE_ACTIVE', 'stage 1 runs', 15_000);
    assert.strictEqual(gate.asked.length, 1, 'the first element holds the microphone');
    const socketId = store.$connection.get().socketId;
    assert.ok(socketId, 'connected');
    assert.isAbove(realtime.held(), 0, 'a mounted element listens to the store');

    first.remove();
    for (let i = 0; i < 100; i += 1) {
      const el = mount();
      await el.updateComplete;
      // Each mount asks the server for the call (call:resume): paced under the server's 30 events/s per user.
      await new Promise((resolve) => setTimeout(resolve, 60));
      // Every tenth element is kept until it rejoined and took the devices again, so the removal
      // really has capture tracks to release; the others go at once (a host re-rendering fast).
      if (i % 10 === 9)
        await until(() => gate.asked.length >= 2 + Math.floor(i / 10), `element ${i + 1} acquires devices`, 15_000).catch((e) => {
          throw new Error(
            `${e.message} (state ${el.state}, asked ${gate.asked.length}, ended ${JSON.stringify(b.received.filter(([n]) => n === 'call:ended'))})`,
          );
        });
      el.remove();
    }

    await until(() => realtime.held() === 0, 'every subscription released', 5_000);
    const live = () => gate.streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
    await until(() => live() === 0, 'no live capture track', 5_000).catch((e) => {
      const which = gate.streams.map((s, i) => (s.getTracks().some((t) => t.readyState === 'live') ? i : -1)).filter((i) => i >= 0);
      throw new Error(`${e.message}: live in streams ${which.join(',')} of ${gate.streams.length}, asked ${gate.asked.length}`);
    });
    assert.isAtLeast(gate.asked.length, 11, 'devices were really taken again and again');
    assert.strictEqual(store.$connection.get().socketId, socketId, 'the same one socket throughout');
    assert.strictEqual(store.$connection.get().status, 'connected', 'and still connected');
    assert.isTrue((await b.emit('call:leave', { sessionId: invite.sessionId })).ok, 'the call ends');
  });
});
