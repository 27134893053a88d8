import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../domain-error.ts';
import { createCallRelay } from './calls.relay.ts';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lookup whose n-th call takes `delays[n]` ms (the database under load), recording each call. */
function slowLookup(delays: number[], peer = 'ben') {
  const calls: string[] = [];
  const lookup = async (userId: string, sessionId: string) => {
    calls.push(`${userId}:${sessionId}`);
    await tick(delays[calls.length - 1] ?? 0);
    return peer;
  };
  return { calls, lookup };
}

describe('call relay', () => {
  it('relays one socket’s signals in the order they came, even when the first lookup is the slowest', async () => {
    const { lookup } = slowLookup([60, 0, 0]);
    const relay = createCallRelay(lookup, () => 0, 0); // no cache: every signal waits for a lookup
    const out: number[] = [];
    const socket = {};
    await Promise.all([1, 2, 3, 4, 5].map((n) => relay.relay(socket, 'ava', 's1', () => out.push(n))));
    assert.deepEqual(out, [1, 2, 3, 4, 5]);
  });

  it('looks the peer up once per burst, again once the cache is stale, and at once after the session ended', async () => {
    const { calls, lookup } = slowLookup([]);
    let clock = 0;
    const relay = createCallRelay(lookup, () => clock, 1_000);
    const peers: string[] = [];
    const socket = {};
    for (let n = 0; n < 10; n++) await relay.relay(socket, 'ava', 's1', (peer) => peers.push(peer));
    assert.equal(calls.length, 1, 'one lookup for ten signals');
    assert.deepEqual(new Set(peers), new Set(['ben']));
    clock = 1_001;
    await relay.relay(socket, 'ava', 's1', () => undefined);
    assert.equal(calls.length, 2, 'stale after the ttl');
    relay.ended('s1');
    await relay.relay(socket, 'ava', 's1', () => undefined);
    assert.equal(calls.length, 3, 'an ended session is looked up again');
  });

  it('a refused lookup relays nothing, caches nothing and does not block the socket’s next relay', async () => {
    let refuse = true;
    const calls: string[] = [];
    const relay = createCallRelay(
      async (userId) => {
        calls.push(userId);
        if (refuse) throw DomainError.forbidden('you are not a participant of this call');
        return 'ben';
      },
      () => 0,
    );
    const socket = {};
    const out: string[] = [];
    await assert.rejects(
      relay.relay(socket, 'eve', 's1', (p) => out.push(p)),
      DomainError,
    );
    refuse = false;
    await relay.relay(socket, 'eve', 's1', (p) => out.push(p));
    assert.deepEqual(out, ['ben']);
    assert.equal(calls.length, 2, 'the refusal was not cached');
  });

  it('a lookup that was under way when the session ended is not cached', async () => {
    const { calls, lookup } = slowLookup([40, 0]);
    const relay = createCallRelay(lookup, () => 0, 1_000);
    const socket = {};
    const first = relay.relay(socket, 'ava', 's1', () => undefined);
    await tick(5);
    relay.ended('s1');
    await first;
    await relay.relay(socket, 'ava', 's1', () => undefined);
    assert.equal(calls.length, 2, 'looked up again after the end');
  });

  it('sockets do not wait for each other', async () => {
    const { lookup } = slowLookup([80, 0]);
    const relay = createCallRelay(lookup, () => 0, 0);
    const out: string[] = [];
    const slow = relay.relay({}, 'ava', 's1', () => out.push('ava'));
    await relay.relay({}, 'ben', 's1', () => out.push('ben'));
    await slow;
    assert.deepEqual(out, ['ben', 'ava']);
  });
});
