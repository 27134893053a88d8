/**
 * A block closes everything between two people, both ways: whoever blocked and whoever was blocked
 * sees no presence, typing, profile, match, conversation or history of the other, in any list,
 * query or event. Each case runs for both directions (the blocker acting, the blocked acting), on a
 * fresh matched pair, beside a third person matched with the blocked one who still sees everything
 * (so a check that nothing arrived can fail). The block is written as safety writes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ConversationSummary, ErrorCode, type Match } from '@flint/shared';
import { type Member, newClientId, type Pair } from '../chat/chat.fixtures.ts';
import { blocks, conversations, matches } from '../db/schema.ts';
import { type ClientSocket, collect, createTestApp, type TestApp, waitFor } from '../test-support/harness.ts';

interface Trio {
  /** `x` blocked `y`, or `y` blocked `x`: the pair to keep apart. */
  x: Member;
  y: Member;
  xy: Pair;
  /** Matched with `y`, never blocked: the control. */
  z: Member;
  zy: Pair;
}

const DIRECTIONS = [
  { name: 'x blocked y', blocker: 'x', blocked: 'y' },
  { name: 'y blocked x', blocker: 'y', blocked: 'x' },
] as const;

async function refused(t: TestApp, socket: ClientSocket, event: string, payload: unknown): Promise<void> {
  const ack = await t.emit(socket, event, payload);
  assert.equal(ack.ok, false, `${event} was answered: ${JSON.stringify(ack)}`);
  if (!ack.ok) assert.equal(ack.error.code, ErrorCode.FORBIDDEN, `${event}: ${ack.error.message}`);
}

/** Every push sent to `socket` before this resolves has arrived (one socket's packets stay in order). */
const heardAll = (t: TestApp, socket: ClientSocket) => t.emit(socket, 'presence:query', { userIds: [] });

describe('blocking closes everything between two people, both ways', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { FLINT_RATE_LIMIT_PER_S: '10000' } });
  });
  after(() => t?.close());

  async function member(prefix: string): Promise<Member> {
    const user = await t.createUser(prefix);
    return { id: user.id, token: user.token, socket: await t.connect(user.token) };
  }

  async function match(a: Member, b: Member): Promise<Pair> {
    const [userA, userB] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    const [row] = await t.app.db.orm.insert(matches).values({ userA, userB }).returning();
    const [conversation] = await t.app.db.orm.insert(conversations).values({ matchId: row!.id }).returning();
    return { conversationId: conversation!.id, a, b };
  }

  /** x and y matched, z matched with y; then the block in the given direction. */
  async function trio(direction: (typeof DIRECTIONS)[number]): Promise<Trio> {
    const [x, y, z] = [await member('x'), await member('y'), await member('z')];
    const trio: Trio = { x, y, z, xy: await match(x, y), zy: await match(z, y) };
    // Before the block the pair does see each other (so every refusal below is the block's doing).
    const seen = await t.emit(x.socket, 'presence:query', { userIds: [y.id] });
    assert.ok(seen.ok && seen.data[y.id] === true, 'x sees y online before the block');
    await t.app.db.orm.insert(blocks).values({ blockerId: trio[direction.blocker].id, blockedId: trio[direction.blocked].id });
    return trio;
  }

  for (const direction of DIRECTIONS) {
    describe(direction.name, () => {
      it('neither appears in the other’s matches, conversations or profile lookups', async () => {
        const { x, y, z } = await trio(direction);
        for (const [me, other] of [
          [x, y],
          [y, x],
        ] as const) {
          const matches = await t.api<Match[]>('GET', '/api/matches', { token: me.token });
          assert.deepEqual(
            matches.body.filter((m) => m.other.id === other.id),
            [],
            'in the match list',
          );
          const summaries = await t.api<ConversationSummary[]>('GET', '/api/conversations', { token: me.token });
          assert.deepEqual(
            summaries.body.filter((c) => c.other.id === other.id),
            [],
            'in the conversation list',
          );
          assert.equal((await t.api('GET', `/api/users/${other.id}`, { token: me.token })).status, 404, 'profile');
        }
        // The control: y's match with z is listed.
        const ofY = await t.api<Match[]>('GET', '/api/matches', { token: y.token });
        assert.deepEqual(
          ofY.body.map((m) => m.other.id),
          [z.id],
        );
      });

      it('no presence either way: queries read offline, and going offline or online is not told', async () => {
        const { x, y, z } = await trio(direction);
        for (const [me, other] of [
          [x, y],
          [y, x],
        ] as const) {
          const ack = await t.emit(me.socket, 'presence:query', { userIds: [other.id] });
          assert.ok(ack.ok && ack.data[other.id] === false, `${JSON.stringify(ack)}: the other reads offline`);
        }
        const heardByX = collect(x.socket, 'presence');
        const heardByY = collect(y.socket, 'presence');
        // y goes offline and comes back: z hears both, x nothing.
        const zHearsOffline = waitFor(z.socket, 'presence');
        y.socket.disconnect();
        assert.deepEqual(await zHearsOffline, { userId: y.id, online: false });
        const zHearsOnline = waitFor(z.socket, 'presence');
        const again = await t.connect(y.token);
        assert.deepEqual(await zHearsOnline, { userId: y.id, online: true });
        // x goes offline and comes back: y hears nothing (x has no other match to hear it).
        x.socket.disconnect();
        const xAgain = await t.connect(x.token);
        await heardAll(t, xAgain);
        await heardAll(t, again);
        await heardAll(t, z.socket);
        assert.deepEqual(heardByX, [], 'x heard of y');
        assert.deepEqual(heardByY, [], 'y heard of x');
        assert.deepEqual(collect(again, 'presence'), [], 'y (new socket) heard of x');
      });

      it('no typing, history, receipts or messages across the pair, from either side', async () => {
        const { x, y, xy, z, zy } = await trio(direction);
        const typingAtX = collect(x.socket, 'chat:typing');
        const typingAtY = collect(y.socket, 'chat:typing');
        for (const [me, conversationId] of [
          [x, xy.conversationId],
          [y, xy.conversationId],
        ] as const) {
          await refused(t, me.socket, 'chat:typing', { conversationId, typing: true });
          await refused(t, me.socket, 'chat:history', { conversationId });
          await refused(t, me.socket, 'chat:read', { conversationId, upTo: 0 });
          await refused(t, me.socket, 'chat:delivered', { conversationId, upTo: 0 });
          await refused(t, me.socket, 'chat:send', { conversationId, clientId: newClientId(), body: 'hello?' });
        }
        // The control: y and z still type to each other.
        const zHearsTyping = waitFor(z.socket, 'chat:typing');
        const ack = await t.emit(y.socket, 'chat:typing', { conversationId: zy.conversationId, typing: true });
        assert.ok(ack.ok, JSON.stringify(ack));
        assert.equal((await zHearsTyping).userId, y.id);
        await heardAll(t, x.socket);
        await heardAll(t, y.socket);
        assert.deepEqual(typingAtX, [], 'x heard typing');
        assert.deepEqual(typingAtY, [], 'y heard typing');
      });
    });
  }
});
