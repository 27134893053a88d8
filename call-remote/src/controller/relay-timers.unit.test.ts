import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock, RealtimePort } from './ports.ts';
import { SignalRelay } from './signal-relay.ts';
import { Timers } from './timers.ts';

const S = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function realtime(sent: unknown[]): RealtimePort {
  return {
    request: async (event, payload) => {
      sent.push([event, payload]);
      return { ok: true as const, data: null as never };
    },
    subscribe: () => () => undefined,
    $connection: { subscribe: () => () => undefined },
  };
}

describe('SignalRelay', () => {
  it('buffers the peer’s signals until the engine listens (the offer beats the callee’s gate), in order', () => {
    const relay = new SignalRelay(realtime([]));
    relay.bind(S);
    relay.receive({ sessionId: S, data: { n: 1 } });
    relay.receive({ sessionId: OTHER, data: { n: 'stale' } });
    relay.receive({ sessionId: S, data: { n: 2 } });
    const got: unknown[] = [];
    relay.onSignal((d) => got.push(d.n));
    relay.receive({ sessionId: S, data: { n: 3 } });
    assert.deepEqual(got, [1, 2, 3]);
  });

  it('drops what was buffered for a session that is over', () => {
    const relay = new SignalRelay(realtime([]));
    relay.bind(S);
    relay.receive({ sessionId: S, data: { n: 1 } });
    relay.bind(OTHER);
    const got: unknown[] = [];
    relay.onSignal((d) => got.push(d.n));
    assert.deepEqual(got, []);
  });

  it('sends over call:signal with the current session, and nothing without one', () => {
    const sent: unknown[] = [];
    const relay = new SignalRelay(realtime(sent));
    relay.send({ early: true });
    relay.bind(S);
    relay.send({ sdp: 'x' });
    assert.deepEqual(sent, [['call:signal', { sessionId: S, data: { sdp: 'x' } }]]);
  });
});

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let queue: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      queue.push({ at: now + ms, fn, id: ++ids });
      return ids;
    },
    clearTimeout: (id) => {
      queue = queue.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (let next = queue.sort((a, b) => a.at - b.at)[0]; next && next.at <= until; next = queue.sort((a, b) => a.at - b.at)[0]) {
      queue = queue.filter((t) => t !== next);
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { clock, advance };
}

describe('Timers', () => {
  it('ticks a countdown once per second until the deadline, then stops', () => {
    const { clock, advance } = manualClock();
    const timers = new Timers(clock);
    let ticks = 0;
    timers.countdown('decision', new Date(3_500).toISOString(), () => ticks++);
    advance(10_000);
    assert.equal(ticks, 5); // at 0.5, 1.5, 2.5, 3.5 s, and once when it passed
  });

  it('replaces a timer of the same name and clears all', () => {
    const { clock, advance } = manualClock();
    const timers = new Timers(clock);
    const fired: string[] = [];
    timers.after('gate', 100, () => fired.push('first'));
    timers.after('gate', 200, () => fired.push('second'));
    timers.after('ring', 50, () => fired.push('ring'));
    timers.clear('ring');
    advance(1_000);
    timers.after('gate', 100, () => fired.push('third'));
    timers.clearAll();
    advance(1_000);
    assert.deepEqual(fired, ['second']);
  });
});
