/**
 * Drops, resumes and restarts: the stage clock pauses while a participant is gone, call:resume
 * restores them within the grace, the grace expiring ends the call, the decision window keeps
 * running through a drop, and a new app instance on the same database carries a running call on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { io as connectClient } from 'socket.io-client';
import { createApp, type FlintApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Db, prepareDb } from '../db/index.ts';
import { conversations, matches } from '../db/schema.ts';
import { createThrowawayDatabase } from '../test-support/databases.ts';
import { ALLOWED_ORIGIN, type ClientSocket, dbKinds, sleep, TEST_JWT_SECRET, type TestApp, waitFor } from '../test-support/harness.ts';
import { insertUser } from '../users/users.repository.ts';
import {
  type CallPair,
  callsTestModules,
  connectCall,
  createCallPair,
  createCallsTestApp,
  ok,
  person,
  record,
  startStage,
  TEST_ENV,
} from './calls.fixtures.ts';

/** Drops every socket of the caller (its last one): the server sees the participant gone. */
async function dropCaller(pair: CallPair) {
  const lost = waitFor(pair.callee.socket, 'call:peer-state');
  pair.caller.socket.disconnect();
  assert.deepEqual((await lost).connected, false);
}

for (const { kind, skip } of dbKinds()) {
  describe(`calls: disconnects (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind, { env: { FLINT_STAGE_PLAN: 'audio:1.5,video:1', FLINT_RECONNECT_GRACE_S: '3' } });
    });
    after(() => t?.close());

    it('a drop pauses the stage; call:resume restores the call and the clock continues', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      const [first] = await startStage(t, pair, sessionId, 1);
      await dropCaller(pair);
      await sleep(2000); // longer than the whole stage: only a paused clock explains no stage-ended
      assert.equal(pair.callee.rec.names().includes('call:stage-ended'), false, 'the stage is paused');

      const back = await person(t, pair.caller); // a reloaded tab: new socket, same user
      const restored = Promise.all([waitFor(pair.callee.socket, 'call:peer-state'), waitFor(pair.callee.socket, 'call:stage-started')]);
      const prepare = waitFor(back.socket, 'call:prepare');
      const view = await ok(t, back.socket, 'call:resume', {});
      assert.ok(view, 'a session to resume');
      assert.equal(view.sessionId, sessionId);
      assert.equal(view.state, 'active');
      assert.equal(view.role, 'caller');
      assert.equal(view.peer.id, pair.callee.id);
      assert.equal(view.peerConnected, true);
      assert.equal(view.prepare?.stage, 1);
      assert.equal(view.conversationId, pair.conversationId);
      const [peerState, shifted] = await restored;
      assert.deepEqual(peerState, { sessionId, connected: true });
      assert.ok(Date.parse(shifted.endsAt) - Date.parse(first.endsAt) >= 1900, 'endsAt moved by the pause');
      assert.equal(shifted.endsAt, view.endsAt);
      assert.equal((await prepare).stage, 1, 'the resumer re-runs its gate for the running stage');

      const mine = waitFor(back.socket, 'call:stage-started');
      await ok(t, back.socket, 'call:ready', { sessionId, stage: 1 });
      assert.equal((await mine).endsAt, view.endsAt);
      const ended = await Promise.all([waitFor(back.socket, 'call:stage-ended'), waitFor(pair.callee.socket, 'call:stage-ended')]);
      assert.equal(ended[0].stage, 1);
      await ok(t, back.socket, 'call:leave', { sessionId });
    });

    it('no resume within the grace: peer-disconnected, and a late resume finds nothing', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      await dropCaller(pair);
      const ended = await waitFor(pair.callee.socket, 'call:ended');
      assert.deepEqual(ended, { sessionId, kind: 'staged', reason: 'peer-disconnected', conversationId: pair.conversationId });
      const back = await person(t, pair.caller);
      assert.equal(await ok(t, back.socket, 'call:resume', {}), null);
      assert.equal(await ok(t, back.socket, 'call:resume', { sessionId }), null);
    });

    it('during an intermission the decision window keeps running: a missing vote is a no', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      await waitFor(pair.caller.socket, 'call:stage-ended');
      await ok(t, pair.caller.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      await dropCaller(pair);
      await ok(t, pair.callee.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      // Both said yes: the next stage is prepared even though the caller is away; it waits for them.
      const back = await person(t, pair.caller);
      const view = await ok(t, back.socket, 'call:resume', {});
      assert.ok(view, 'a session to resume');
      assert.equal(view.state, 'preparing');
      assert.equal(view.stage, 2);
      await ok(t, back.socket, 'call:leave', { sessionId });

      const other = await createCallPair(t);
      const second = await connectCall(t, other);
      await startStage(t, other, second, 1);
      await waitFor(other.callee.socket, 'call:stage-ended');
      await ok(t, other.callee.socket, 'call:vote', { sessionId: second, stage: 1, proceed: true });
      await dropCaller(other);
      const ended = await waitFor(other.callee.socket, 'call:ended');
      assert.equal(ended.reason, 'decision-timeout');
    });
  });

  describe(`calls: server restart mid-stage (${kind})`, { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'flint-calls-restart-'));
    const config = {
      ...loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        FLINT_DATA_DIR: dir,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        FLINT_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
        ...TEST_ENV,
        FLINT_STAGE_PLAN: 'audio:2,video:1',
      }),
      pgliteDir: join(dir, 'pglite'),
    };
    let db: Db;
    let drop: (() => Promise<void>) | undefined;
    const sockets: ClientSocket[] = [];
    before(async () => {
      if (kind === 'postgres') {
        const throwaway = await createThrowawayDatabase();
        config.databaseUrl = throwaway.url;
        drop = () => throwaway.drop();
      }
      db = await prepareDb({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
    });
    after(async () => {
      for (const s of sockets) s.disconnect();
      await db?.close();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    const start = async () => {
      const app = await createApp({ config, db, modules: callsTestModules() });
      return { app, url: await app.listen(0) };
    };
    const connect = (url: string, token: string) => {
      const socket = connectClient(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(socket);
      return new Promise<ClientSocket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    };

    it('a new app on the same database ends the running stage and the flow continues', async () => {
      let node: { app: FlintApp; url: string } = await start();
      const users = [];
      for (const name of ['restart_a', 'restart_b']) {
        const user = await insertUser(db.orm, { username: `${name}_${process.pid}`, displayName: name });
        const res = await fetch(`${node.url}/api/dev/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user.username }),
        });
        users.push({ id: user.id, token: ((await res.json()) as { token: string }).token });
      }
      const [ua, ub] = users[0]!.id < users[1]!.id ? [users[0]!, users[1]!] : [users[1]!, users[0]!];
      const [m] = await db.orm.insert(matches).values({ userA: ua.id, userB: ub.id }).returning();
      const [c] = await db.orm.insert(conversations).values({ matchId: m!.id }).returning();
      const harness = { emit: async (s: ClientSocket, e: string, p: unknown) => s.timeout(3000).emitWithAck(e, p) } as unknown as TestApp;
      const join = async (u: { id: string; token: string }) => {
        const socket = await connect(node.url, u.token);
        return { ...u, socket, rec: record(socket) };
      };
      const pair: CallPair = { matchId: m!.id, conversationId: c!.id, caller: await join(ua), callee: await join(ub) };
      const sessionId = await connectCall(harness, pair);
      const [started] = await startStage(harness, pair, sessionId, 1);

      await node.app.close(); // mid-stage: nothing of the call is in this process any more
      node = await start();
      pair.caller = await join(ua);
      pair.callee = await join(ub);
      const view = await ok(harness, pair.callee.socket, 'call:resume', {});
      assert.ok(view, 'a session to resume');
      assert.equal(view.state, 'active');
      assert.equal(view.endsAt, started.endsAt, 'a restart is not a disconnect: the clock never paused');
      const ended = await Promise.all([waitFor(pair.caller.socket, 'call:stage-ended'), waitFor(pair.callee.socket, 'call:stage-ended')]);
      assert.equal(ended[0].stage, 1);
      const prepared = Promise.all([waitFor(pair.caller.socket, 'call:prepare'), waitFor(pair.callee.socket, 'call:prepare')]);
      await ok(harness, pair.caller.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      await ok(harness, pair.callee.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      assert.equal((await prepared)[0].stage, 2);
      await startStage(harness, pair, sessionId, 2);
      const done = await waitFor(pair.caller.socket, 'call:ended');
      assert.equal(done.reason, 'completed');
      for (const s of sockets) s.disconnect();
      await node.app.close();
    });

    it('after a node dies, a participant who never comes back is found by the presence check and the grace runs', async () => {
      let node = await start();
      const users = [];
      for (const name of ['gone_a', 'gone_b']) {
        const user = await insertUser(db.orm, { username: `${name}_${process.pid}`, displayName: name });
        const res = await fetch(`${node.url}/api/dev/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user.username }),
        });
        users.push({ id: user.id, token: ((await res.json()) as { token: string }).token });
      }
      const [ua, ub] = users[0]!.id < users[1]!.id ? [users[0]!, users[1]!] : [users[1]!, users[0]!];
      const [m] = await db.orm.insert(matches).values({ userA: ua.id, userB: ub.id }).returning();
      const harness = { emit: async (s: ClientSocket, e: string, p: unknown) => s.timeout(3000).emitWithAck(e, p) } as unknown as TestApp;
      const join = async (u: { id: string; token: string }) => {
        const socket = await connect(node.url, u.token);
        return { ...u, socket, rec: record(socket) };
      };
      const pair: CallPair = { matchId: m!.id, conversationId: '', caller: await join(ua), callee: await join(ub) };
      const sessionId = await connectCall(harness, pair);
      await startStage(harness, pair, sessionId, 1);
      await node.app.close(); // its sockets drop without the users leaving: the database still says connected
      node = await start();
      pair.callee = await join(ub); // only the callee comes back
      const lost = await waitFor(pair.callee.socket, 'call:peer-state');
      assert.deepEqual(lost, { sessionId, connected: false });
      const ended = await waitFor(pair.callee.socket, 'call:ended');
      assert.equal(ended.reason, 'peer-disconnected');
      for (const s of sockets) s.disconnect();
      await node.app.close();
    });
  });
}
