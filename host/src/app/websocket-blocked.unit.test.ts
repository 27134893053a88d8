import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { ConnectionMode } from '@flint/shared';
import { atom } from 'nanostores';
import { $websocketBlocked, watchWebsocketMode } from './websocket-blocked.ts';

type Connection = { status: string; mode: ConnectionMode; lastError?: string; socketId: null; transport: null; attempt: number };
const base: Connection = { status: 'connected', mode: 'websocket', socketId: null, transport: null, attempt: 0 };
const failing: Connection = { ...base, status: 'reconnecting', lastError: 'websocket error', attempt: 1 };

function fakeRealtime(initial: Connection) {
  const $connection = atom(initial);
  const modes: ConnectionMode[] = [];
  return { $connection, modes, setConnectionMode: (mode: ConnectionMode) => void modes.push(mode) };
}
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
let stop: () => void = () => undefined;
afterEach(() => stop());

function watch(realtime: ReturnType<typeof fakeRealtime>, readMode: () => Promise<ConnectionMode | null>) {
  // The store's real type has more; the watcher reads only these.
  stop = watchWebsocketMode(realtime as unknown as Parameters<typeof watchWebsocketMode>[0], readMode, 10);
}

test('websocket-only failing while the API answers "websocket": blocked', async () => {
  const realtime = fakeRealtime(failing);
  watch(realtime, async () => 'websocket');
  await tick();
  assert.equal($websocketBlocked.get(), true);
  assert.deepEqual(realtime.modes, []);
});

test('websocket-only failing while the API is unreachable too: offline, not blocked', async () => {
  const realtime = fakeRealtime(failing);
  watch(realtime, async () => null);
  await tick(30);
  assert.equal($websocketBlocked.get(), false);
});

test('the server moved to another mode meanwhile: the page applies it (the push could not reach it)', async () => {
  const realtime = fakeRealtime(failing);
  watch(realtime, async () => 'auto');
  await tick();
  assert.deepEqual(realtime.modes, ['auto']);
  assert.equal($websocketBlocked.get(), false);
});

test('keeps re-reading while it fails, stops once connected, and clears the flag', async () => {
  const realtime = fakeRealtime(failing);
  let reads = 0;
  watch(realtime, async () => {
    reads += 1;
    return 'websocket';
  });
  await tick(35);
  assert.ok(reads >= 2, `re-read ${reads} times`);
  realtime.$connection.set({ ...base });
  assert.equal($websocketBlocked.get(), false);
  const after = reads;
  await tick(35);
  assert.equal(reads, after);
});

test('a failing socket in auto or polling mode, or one still connecting, never reads or flags', async () => {
  for (const c of [
    { ...failing, mode: 'auto' as const },
    { ...failing, mode: 'polling' as const },
    { ...base, status: 'connecting' },
  ]) {
    const realtime = fakeRealtime(c);
    let reads = 0;
    watch(realtime, async () => {
      reads += 1;
      return 'websocket';
    });
    await tick(20);
    assert.equal(reads, 0);
    assert.equal($websocketBlocked.get(), false);
    stop();
  }
});
