/**
 * Scale-out by configuration only (ARCHITECTURE §2): two server nodes on ONE PostgreSQL with the
 * Socket.IO Redis adapter. Users connected to different nodes reach each other: notifications,
 * presence and the admin statistics span both nodes. Needs TEST_DATABASE_URL and TEST_REDIS_URL
 * (`.ci/run` sets both); without them it is skipped with a printed notice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConnectionStats, SwipeResult } from '@flint/shared';
import { createThrowawayDatabase } from '../test-support/databases.ts';
import { createTestApp, sleep, type TestApp, waitFor } from '../test-support/harness.ts';

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const skip = !pgUrl || !redisUrl ? 'TEST_DATABASE_URL and TEST_REDIS_URL are both needed' : false;
if (skip) console.log(`NOTICE: the two-node scale-out test is SKIPPED (${skip}).`);

describe('two nodes, one PostgreSQL, the Redis adapter', { skip }, () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  let drop: () => Promise<void>;

  before(async () => {
    const database = await createThrowawayDatabase();
    drop = database.drop;
    // Own key prefix: this run never sees another run's (or production's) channels and counters.
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `flint-test-${process.pid}-${Date.now()}:` };
    nodeA = await createTestApp({ dbKind: 'postgres', databaseUrl: database.url, env: { ...env, FLINT_NODE_ID: 'node-a' } });
    nodeB = await createTestApp({ dbKind: 'postgres', databaseUrl: database.url, env: { ...env, FLINT_NODE_ID: 'node-b' } });
  });
  after(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await drop?.();
  });

  it('a match made on node A notifies a user whose only socket is on node B', async () => {
    const [liker, likedBack] = [await nodeA.createUser('scale'), await nodeA.createUser('scale')];
    const onB = await nodeB.connect(likedBack.token);
    const onA = await nodeA.connect(liker.token);
    await sleep(200);

    const first = await nodeA.api('POST', '/api/swipes', { token: liker.token, body: { targetId: likedBack.id, like: true } });
    assert.equal(first.status, 200);
    const heardOnB = waitFor(onB, 'notification');
    const heardOnA = waitFor(onA, 'notification');
    const second = await nodeB.api<SwipeResult>('POST', '/api/swipes', {
      token: likedBack.token,
      body: { targetId: liker.id, like: true },
    });
    assert.equal(second.body.matched, true);
    assert.equal((await heardOnB).kind, 'match');
    assert.equal((await heardOnA).kind, 'match');
  });

  it('presence reaches a match connected to the other node', async () => {
    const [watcher, mover] = [await nodeA.createUser('pres'), await nodeA.createUser('pres')];
    await nodeA.api('POST', '/api/swipes', { token: watcher.token, body: { targetId: mover.id, like: true } });
    await nodeA.api('POST', '/api/swipes', { token: mover.token, body: { targetId: watcher.id, like: true } });
    const watching = await nodeA.connect(watcher.token);

    const online = waitFor(watching, 'presence');
    const moverSocket = await nodeB.connect(mover.token);
    assert.deepEqual(await online, { userId: mover.id, online: true });

    const offline = waitFor(watching, 'presence');
    moverSocket.disconnect();
    assert.deepEqual(await offline, { userId: mover.id, online: false });
  });

  it('admin statistics count the sockets of both nodes', async () => {
    const admin = await nodeA.login('admin');
    const [one, two] = [await nodeA.createUser('stat'), await nodeA.createUser('stat')];
    const before = (await nodeA.api<ConnectionStats>('GET', '/api/admin/stats', { token: admin.token })).body.sockets;
    await nodeA.connect(one.token);
    await nodeB.connect(two.token);
    const stats = await nodeA.api<ConnectionStats>('GET', '/api/admin/stats', { token: admin.token });
    assert.equal(stats.body.sockets, before + 2);
  });
});
