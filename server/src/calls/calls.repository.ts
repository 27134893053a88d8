/**
 * SQL for call sessions. A session is read under a row lock (`FOR UPDATE`, or `SKIP LOCKED` for the
 * sweeper) and written back whole: the row, both participants and its deadlines, which are always
 * rewritten from `deadlinesOf(session)` so the sweep table can never disagree with the session.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { conversations, matches } from '../db/schema.ts';
import { findMatchBetween, insertMatch, orderedPair } from '../matches/matches.repository.ts';
import { lockPair } from '../swipes/swipes.repository.ts';
import type { DeadlineKind, Participant, Session } from './calls.model.ts';
import { callConsents, callDeadlines, callParticipants, callSessions } from './calls.tables.ts';
import { deadlinesOf } from './calls.transition.ts';

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const date = (n: number | null) => (n === null ? null : new Date(n));

/** The two people of a match and its conversation, or null when there is no such match. */
export async function findMatch(db: Executor, matchId: string) {
  const [row] = await db
    .select({ userA: matches.userA, userB: matches.userB, conversationId: conversations.id })
    .from(matches)
    .leftJoin(conversations, eq(conversations.matchId, matches.id))
    .where(eq(matches.id, matchId));
  return row ?? null;
}

/**
 * The match between two people and its conversation, created if they have none (a live session's
 * mutual "Match?"). Takes the swipes' pair lock, so a like between the same two people at the same
 * moment sees this match rather than making (and announcing) its own.
 */
export async function matchPair(db: Executor, x: string, y: string): Promise<{ matchId: string; conversationId: string }> {
  const [a, b] = orderedPair(x, y);
  await lockPair(db, a, b);
  const made = await insertMatch(db, a, b);
  if (made) return made;
  const existing = (await findMatchBetween(db, a, b))!;
  return { matchId: existing.id, conversationId: existing.conversationId };
}

/**
 * Inserts a new session as its creating transition left it, with its participants; throws a unique
 * violation when either is busy. Its deadlines and the rest are written by `saveSession` next.
 */
export async function insertSession(db: Executor, s: Session): Promise<void> {
  if (s.state === 'idle') throw new Error('an idle session is never saved');
  await db.insert(callSessions).values({
    id: s.id,
    kind: s.kind,
    matchId: s.matchId,
    conversationId: s.conversationId,
    plan: s.plan,
    timing: s.timing,
    state: s.state,
    stage: s.stage,
  });
  await db.insert(callParticipants).values(
    s.participants.map((p) => ({
      sessionId: s.id,
      userId: p.userId,
      role: p.role,
      live: true,
      readyStage: 0,
      connected: p.connected,
    })),
  );
}

/** Locks and loads a session. `skipLocked`: null when another transaction holds it (the sweeper moves on). */
export async function lockSession(db: Executor, id: string, opts: { skipLocked?: boolean } = {}): Promise<Session | null> {
  const [row] = await db
    .select()
    .from(callSessions)
    .where(eq(callSessions.id, id))
    .for('update', opts.skipLocked ? { skipLocked: true } : {});
  if (!row) return null;
  const people = await db.select().from(callParticipants).where(eq(callParticipants.sessionId, id));
  const toParticipant = (p: (typeof people)[number]): Participant => ({
    userId: p.userId,
    role: p.role,
    readyStage: p.readyStage,
    vote: p.voteStage === null || p.voteProceed === null ? null : { stage: p.voteStage, proceed: p.voteProceed },
    connected: p.connected,
    disconnectedAt: ms(p.disconnectedAt),
    leaving: p.leaving,
    gateFailedStage: p.gateFailedStage,
  });
  const caller = people.find((p) => p.role === 'caller')!;
  const callee = people.find((p) => p.role === 'callee')!;
  return {
    id: row.id,
    kind: row.kind,
    matchId: row.matchId,
    conversationId: row.conversationId,
    plan: row.plan,
    // Sessions created before the leave grace existed keep the reconnect grace for a closed page.
    timing: { ...row.timing, leaveGraceMs: row.timing.leaveGraceMs ?? row.timing.graceMs },
    state: row.state,
    stage: row.stage,
    ringEndsAt: ms(row.ringEndsAt),
    prepareEndsAt: ms(row.prepareEndsAt),
    endsAt: ms(row.endsAt),
    remainingMs: row.remainingMs,
    decisionEndsAt: ms(row.decisionEndsAt),
    endReason: row.endReason as Session['endReason'],
    answeredAt: ms(row.answeredAt),
    participants: [toParticipant(caller), toParticipant(callee)],
  };
}

/** Writes a session back after a transition, with its participants and its derived deadlines. */
export async function saveSession(db: Executor, s: Session, now: number): Promise<void> {
  if (s.state === 'idle') throw new Error('an idle session is never saved');
  await db
    .update(callSessions)
    .set({
      state: s.state,
      stage: s.stage,
      ringEndsAt: date(s.ringEndsAt),
      prepareEndsAt: date(s.prepareEndsAt),
      endsAt: date(s.endsAt),
      remainingMs: s.remainingMs,
      decisionEndsAt: date(s.decisionEndsAt),
      endReason: s.endReason,
      answeredAt: date(s.answeredAt),
      matchId: s.matchId,
      conversationId: s.conversationId,
      updatedAt: new Date(now),
    })
    .where(eq(callSessions.id, s.id));
  for (const p of s.participants) {
    await db
      .update(callParticipants)
      .set({
        live: s.state !== 'ended',
        readyStage: p.readyStage,
        voteStage: p.vote?.stage ?? null,
        voteProceed: p.vote?.proceed ?? null,
        connected: p.connected,
        disconnectedAt: date(p.disconnectedAt),
        leaving: p.leaving,
        gateFailedStage: p.gateFailedStage,
      })
      .where(and(eq(callParticipants.sessionId, s.id), eq(callParticipants.userId, p.userId)));
  }
  await db.delete(callDeadlines).where(eq(callDeadlines.sessionId, s.id));
  const due = [...deadlinesOf(s)].map(([kind, at]) => ({ sessionId: s.id, kind, dueAt: new Date(at) }));
  if (due.length > 0) await db.insert(callDeadlines).values(due);
}

export async function recordConsent(db: Executor, c: { sessionId: string; userId: string; stage: number; proceed: boolean; at: number }) {
  await db
    .insert(callConsents)
    .values({ sessionId: c.sessionId, userId: c.userId, stage: c.stage, proceed: c.proceed, decidedAt: new Date(c.at) })
    .onConflictDoNothing();
}

export async function listConsents(db: Executor, sessionId: string) {
  return db.select().from(callConsents).where(eq(callConsents.sessionId, sessionId)).orderBy(asc(callConsents.decidedAt));
}

/** The user's session that has not ended, if any (at most one: see the partial unique index). */
export async function findLiveSessionId(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: callParticipants.sessionId })
    .from(callParticipants)
    .where(and(eq(callParticipants.userId, userId), eq(callParticipants.live, true)));
  return row?.id ?? null;
}

/** Whether `userId` is (or was) a participant of `sessionId`, whatever its state. */
export async function isParticipant(db: Executor, sessionId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ one: callParticipants.userId })
    .from(callParticipants)
    .where(and(eq(callParticipants.sessionId, sessionId), eq(callParticipants.userId, userId)));
  return rows.length > 0;
}

/** Sessions with a deadline due at `now`, oldest first. Read without locks; each is then locked with SKIP LOCKED. */
export async function dueDeadlines(db: Executor, now: number, limit: number, sessionId?: string) {
  return db
    .select({ sessionId: callDeadlines.sessionId, kind: callDeadlines.kind, dueAt: callDeadlines.dueAt })
    .from(callDeadlines)
    .where(and(lte(callDeadlines.dueAt, new Date(now)), sessionId ? eq(callDeadlines.sessionId, sessionId) : undefined))
    .orderBy(asc(callDeadlines.dueAt))
    .limit(limit)
    .then((rows) => rows.map((r) => ({ sessionId: r.sessionId, kind: r.kind as DeadlineKind, dueAt: r.dueAt.getTime() })));
}

/** Participants of live sessions the database believes connected (the presence check verifies them). */
export async function connectedLiveParticipants(db: Executor) {
  return db
    .select({ sessionId: callParticipants.sessionId, userId: callParticipants.userId })
    .from(callParticipants)
    .where(and(eq(callParticipants.live, true), eq(callParticipants.connected, true)));
}

/** The other participant of a session (for `call:signal` / `call:media` relays), or null for a non-participant. */
export async function peerOf(db: Executor, sessionId: string, userId: string) {
  const rows = await db
    .select({ userId: callParticipants.userId, state: callSessions.state })
    .from(callParticipants)
    .innerJoin(callSessions, eq(callSessions.id, callParticipants.sessionId))
    .where(eq(callParticipants.sessionId, sessionId));
  if (!rows.some((r) => r.userId === userId)) return null;
  const other = rows.find((r) => r.userId !== userId);
  return other ? { userId: other.userId, state: other.state } : null;
}

/** The caller of a session `userId` is being rung for (ringing, and `userId` its callee), or null. */
export async function ringingCallerOf(db: Executor, sessionId: string, userId: string): Promise<string | null> {
  const rows = await db
    .select({ userId: callParticipants.userId, role: callParticipants.role, state: callSessions.state })
    .from(callParticipants)
    .innerJoin(callSessions, eq(callSessions.id, callParticipants.sessionId))
    .where(eq(callParticipants.sessionId, sessionId));
  const callee = rows.find((r) => r.userId === userId && r.role === 'callee');
  if (callee?.state !== 'ringing') return null;
  return rows.find((r) => r.role === 'caller')?.userId ?? null;
}

/** The tab owning `userId`'s side of `sessionId`: null when none claimed it yet, undefined for a non-participant. */
export async function ownerTabOf(db: Executor, sessionId: string, userId: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ tab: callParticipants.ownerTab })
    .from(callParticipants)
    .where(and(eq(callParticipants.sessionId, sessionId), eq(callParticipants.userId, userId)));
  return row ? row.tab : undefined;
}

/**
 * Makes `tab` the owner of `userId`'s side if the owner is still `expected` (null: unclaimed; `any`:
 * whoever), in one statement, so two tabs claiming at once cannot both win. True if `tab` owns it now.
 */
export async function claimOwnerTab(db: Executor, sessionId: string, userId: string, tab: string, expected: string | null | 'any') {
  const owner =
    expected === 'any' ? undefined : expected === null ? isNull(callParticipants.ownerTab) : eq(callParticipants.ownerTab, expected);
  const rows = await db
    .update(callParticipants)
    .set({ ownerTab: tab })
    .where(and(eq(callParticipants.sessionId, sessionId), eq(callParticipants.userId, userId), owner))
    .returning({ tab: callParticipants.ownerTab });
  return rows.length > 0;
}

/** Records what `userId` says it sends in `sessionId` (`call:media`). */
export async function recordSending(db: Executor, sessionId: string, userId: string, audio: boolean, video: boolean) {
  await db
    .update(callParticipants)
    .set({ sendingAudio: audio, sendingVideo: video })
    .where(and(eq(callParticipants.sessionId, sessionId), eq(callParticipants.userId, userId)));
}

/** What `userId` last said it sends in `sessionId` (on, when never said). */
export async function sendingOf(db: Executor, sessionId: string, userId: string): Promise<{ audio: boolean; video: boolean }> {
  const [row] = await db
    .select({ audio: callParticipants.sendingAudio, video: callParticipants.sendingVideo })
    .from(callParticipants)
    .where(and(eq(callParticipants.sessionId, sessionId), eq(callParticipants.userId, userId)));
  return { audio: row?.audio ?? true, video: row?.video ?? true };
}
