/**
 * The real Flint server (flint-app.ts) as a chat target: the bench users are paired into matches,
 * each with its conversation, inserted through the app's own database handle as the fan-out bench
 * inserts its users. A message then takes the production path: event router (rate limit, zod),
 * membership check, durable insert with the conversation's next seq, relay to the other member
 * and a notification for their toast layer.
 */
import { conversations, matches } from '../src/db/schema.ts';
import { type BenchPair, serveChatServer } from './chat-ipc.ts';
import { type StepsConversation, timeSendSteps } from './chat-steps.ts';
import { type BenchFlint, startFlintApp } from './flint-app.ts';

/**
 * Well above what a bench user sends (one message per round trip of its conversation), so no send
 * is refused; the limiter still counts every event, as in production.
 */
const RATE_LIMIT_PER_S = '1000';

interface Created {
  pairs: BenchPair[];
  /** One conversation's ids, for the step timings. */
  sample: StepsConversation;
}

async function createConversations(flint: BenchFlint): Promise<Created> {
  const authOf = new Map(flint.userIds.map((id, i) => [id, flint.auths[i]!]));
  const couples = Array.from({ length: flint.userIds.length / 2 }, (_, i) => {
    const [a, b] = [flint.userIds[2 * i]!, flint.userIds[2 * i + 1]!];
    // The matches domain stores a pair with user_a < user_b.
    return a < b ? { userA: a, userB: b } : { userA: b, userB: a };
  });
  const orm = flint.app.db.orm;
  const created = await orm.insert(matches).values(couples).returning({ id: matches.id, userA: matches.userA, userB: matches.userB });
  const membersOf = new Map(created.map((m) => [m.id, [authOf.get(m.userA)!, authOf.get(m.userB)!] as BenchPair['members']]));
  const convs = await orm
    .insert(conversations)
    .values(created.map((m) => ({ matchId: m.id })))
    .returning({ id: conversations.id, matchId: conversations.matchId });
  const first = created.find((m) => m.id === convs[0]!.matchId)!;
  return {
    pairs: convs.map((c) => ({ conversationId: c.id, members: membersOf.get(c.matchId)! })),
    sample: { conversationId: convs[0]!.id, senderId: first.userA, recipientId: first.userB },
  };
}

serveChatServer(async (pairs, databaseUrl) => {
  const flint = await startFlintApp(2 * pairs, {
    FLINT_RATE_LIMIT_PER_S: RATE_LIMIT_PER_S,
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  });
  try {
    const { pairs: benchPairs, sample } = await createConversations(flint);
    return { baseUrl: flint.baseUrl, pairs: benchPairs, steps: () => timeSendSteps(flint.app.db, sample), close: flint.close };
  } catch (err) {
    await flint.close();
    throw err;
  }
});
