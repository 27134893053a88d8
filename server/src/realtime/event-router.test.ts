import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authModule } from '../auth/auth.routes.ts';
import { DomainError } from '../domain-error.ts';
import { systemModule } from '../http/system.routes.ts';
import { presenceModule } from '../presence/presence.handlers.ts';
import { createTestApp, sleep, type TestApp, waitFor } from '../test-support/harness.ts';

describe('socket event router', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      env: { FLINT_RATE_LIMIT_PER_S: '10' },
      // Only the modules this test needs, so the stand-ins below never collide with a real domain.
      modules: [
        systemModule,
        authModule,
        presenceModule,
        // Two stand-in handlers for events no domain handles yet, to see how failures reach clients.
        (ctx) => {
          ctx.events.handle('queue:join', () => {
            throw new Error('db password is hunter2');
          });
          ctx.events.handle('queue:leave', () => {
            throw new DomainError('wrong-state', 'you are not in the queue');
          });
        },
      ],
    });
  });
  after(() => t?.close());

  it('acks an invalid payload with invalid-payload and a message naming the field', async () => {
    const socket = await t.connect((await t.login('ava')).token);
    const ack = await t.emit(socket, 'presence:query', { userIds: ['not-a-uuid'] });
    assert.equal(ack.ok, false);
    assert.equal(!ack.ok && ack.error.code, 'invalid-payload');
    assert.match(!ack.ok ? ack.error.message : '', /userIds/);
    const extra = await t.emit(socket, 'presence:query', { userIds: [], sneaky: true });
    assert.equal(!extra.ok && extra.error.code, 'invalid-payload');
    const none = await t.emit(socket, 'presence:query');
    assert.equal(!none.ok && none.error.code, 'invalid-payload');
  });

  it('acks an unknown event with unknown-event', async () => {
    const socket = await t.connect((await t.login('ava')).token);
    const ack = await t.emit(socket, 'nope:nothing', {});
    assert.equal(!ack.ok && ack.error.code, 'unknown-event');
    // Named in the contract but with no handler registered: also unknown.
    const chat = await t.emit(socket, 'call:leave', { sessionId: crypto.randomUUID() });
    assert.equal(!chat.ok && chat.error.code, 'unknown-event');
  });

  it('tolerates an event sent without an ack callback', async () => {
    const socket = await t.connect((await t.login('ava')).token);
    socket.emit('presence:query', { userIds: 'bad' });
    socket.emit('nope:nothing');
    const ack = await t.emit(socket, 'presence:query', { userIds: [] });
    assert.deepEqual(ack, { ok: true, data: {} });
  });

  it('passes DomainError codes through and hides unexpected errors as internal', async () => {
    const socket = await t.connect((await t.login('ava')).token);
    const known = await t.emit(socket, 'queue:leave', {});
    assert.deepEqual(known, { ok: false, error: { code: 'wrong-state', message: 'you are not in the queue' } });
    const unknown = await t.emit(socket, 'queue:join', {});
    assert.equal(!unknown.ok && unknown.error.code, 'internal');
    assert.doesNotMatch(JSON.stringify(unknown), /hunter2/);
  });

  it('rate-limits a flooding user with an error ack and an error:rate-limited event', async () => {
    const { token } = await t.login('cleo');
    const socket = await t.connect(token);
    await sleep(1100); // a fresh one-second window
    const warned = waitFor(socket, 'error:rate-limited');
    const acks = await Promise.all(Array.from({ length: 40 }, () => t.emit(socket, 'presence:query', { userIds: [] })));
    const refused = acks.filter((a) => !a.ok);
    // The first 10 always fit the fresh window; a slow machine may spill the rest into later windows.
    assert.ok(acks.slice(0, 10).every((a) => a.ok));
    assert.ok(refused.length > 0, 'some were refused');
    assert.ok(refused.every((a) => !a.ok && a.error.code === 'rate-limited'));
    assert.deepEqual(await warned, { event: 'presence:query' });
    // The budget is per user: another user is unaffected.
    const other = await t.connect((await t.login('dan')).token);
    assert.equal((await t.emit(other, 'presence:query', { userIds: [] })).ok, true);
  });

  it('counts handled events in /metrics', async () => {
    const res = await fetch(`${t.url}/metrics`);
    const text = await res.text();
    assert.match(text, /flint_sockets \d+/);
    assert.match(text, /flint_socket_events_total\{event="presence:query",outcome="ok"\} \d+/);
    assert.match(text, /flint_socket_events_total\{event="presence:query",outcome="invalid-payload"\} \d+/);
  });
});
