/**
 * Test fixtures for chat: a test app with the chat module, and fresh matched pairs with a
 * conversation, so each test owns its conversation and sees only its own messages.
 */

import { authModule } from '../auth/auth.routes.ts';
import { conversations, matches } from '../db/schema.ts';
import { type ClientSocket, createTestApp, type DbKind, type TestApp } from '../test-support/harness.ts';
import { chatModule } from './chat.handlers.ts';

export async function createChatTestApp(dbKind: DbKind): Promise<TestApp> {
  // Only what chat needs, so these tests do not depend on other domains; a generous rate limit
  // because ordering tests send bursts (the limit itself is the event router's, tested there).
  return createTestApp({ dbKind, modules: [authModule, chatModule], env: { FLINT_RATE_LIMIT_PER_S: '10000' } });
}

export interface Member {
  id: string;
  token: string;
  socket: ClientSocket;
}

export interface Pair {
  conversationId: string;
  a: Member;
  b: Member;
}

export async function createPair(t: TestApp): Promise<Pair> {
  const [ua, ub] = [await t.createUser('a'), await t.createUser('b')];
  const [userA, userB] = ua.id < ub.id ? [ua.id, ub.id] : [ub.id, ua.id];
  const [match] = await t.app.db.orm.insert(matches).values({ userA, userB }).returning();
  const [conversation] = await t.app.db.orm.insert(conversations).values({ matchId: match!.id }).returning();
  return {
    conversationId: conversation!.id,
    a: { id: ua.id, token: ua.token, socket: await t.connect(ua.token) },
    b: { id: ub.id, token: ub.token, socket: await t.connect(ub.token) },
  };
}

let clientCounter = 0;
/** A unique client id, as a browser would generate (crypto.randomUUID there). */
export const newClientId = () => `test-client-${process.pid}-${++clientCounter}`;
