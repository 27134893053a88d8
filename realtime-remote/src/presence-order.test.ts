import type { Ack } from '@flint/shared';
import { assert } from '@flint/test-support';
import { createHandlerRegistry } from './handlers.ts';
import { createPresence } from './presence.ts';

/**
 * The ordering the real server produces only by timing (a presence:query reads the database while
 * the user's last tab closes, and the offline push overtakes the answer), made deterministic here:
 * the request port answers when the test says so. Everything else is the real module.
 */
describe('presence answers and pushes', () => {
  it('a query answer older than a push does not override it', async () => {
    const handlers = createHandlerRegistry();
    let answer!: (ack: Ack<Record<string, boolean>>) => void;
    const request = (() => new Promise((resolve) => (answer = resolve))) as never;
    const holders = { acquire: () => () => {}, count: 0 };
    const connection = { onConnect: () => {} } as never;
    const { $presence, watchPresence } = createPresence(connection, handlers, holders, request);
    const listening = $presence.listen(() => {});

    const asked = watchPresence(['ben', 'cleo']);
    handlers.dispatch('presence', { userId: 'ben', online: false });
    answer({ ok: true, data: { ben: true, cleo: true } });
    await asked;

    assert.strictEqual($presence.get().ben, false, 'the newer push stands');
    assert.strictEqual($presence.get().cleo, true, 'users without a push take the answer');
    listening();
  });
});
