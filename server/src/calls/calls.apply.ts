/**
 * The executor of the transition: every write to a session goes lock → transition → save (with the
 * consents and deadlines it implies) in one transaction, and its effects (pushes, timers) run only
 * after the commit, so a client is never told something the database does not hold. Entry points
 * that take a transaction (`createIn`, `applyIn`) let another domain make its own writes atomic with
 * the session's (a queue pairing, a safety report); that caller runs the returned move once it
 * committed. No socket import: pushes and timers go through ports.
 */
import { type ChatSystemLine, EndReason, type FlintNotification, type PushPayload, ServerEvent, type ServerEventName } from '@flint/shared';
import { appendSystemLine } from '../chat/chat.service.ts';
import type { Db, Executor } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { recordEnd, stagesReached, wasMissed } from './calls.history.ts';
import type { Effect, Move, Session, SessionEvent, TransitionResult } from './calls.model.ts';
import * as repo from './calls.repository.ts';
import { transition } from './calls.transition.ts';
import type { CallViews } from './calls.views.ts';

export interface CallsPorts {
  /** Push to every tab of `to`, except `exceptSocketId`. */
  emit<E extends ServerEventName>(to: string, event: E, payload: PushPayload<E>, exceptSocketId?: string): void;
  /** A deadline of `sessionId` is now due at `at`: arm the local fast-path timer. */
  armTimer(sessionId: string, at: number): void;
  /** An app notification (`notification` event) to every tab of `userId`: the live "Match?" outcome. */
  notify(userId: string, notification: Omit<FlintNotification, 'id' | 'createdAt'>): void;
  /** Whether `userId` has any socket on any node. */
  hasSockets(userId: string): Promise<boolean>;
  /** Whether `userId` has a socket of browser tab `tab` on any node (calls.owner.ts). */
  tabConnected(userId: string, tab: string): Promise<boolean>;
  now(): number;
}

/** What the event for a locked session is; null leaves it untouched. */
export type EventFor = (s: Session) => SessionEvent | null;

export function createCallsExecutor({ db, ports, views }: { db: Db; ports: CallsPorts; views: CallViews }) {
  type Applied = Extract<TransitionResult, { ok: true }>;
  const mustApply = (result: TransitionResult): Applied => {
    if (!result.ok) throw new DomainError(result.error.code, result.error.message);
    return result;
  };

  /**
   * Does the database work a transition asked for inside the transaction, then saves. A
   * `create-match` is answered with `match-created` (a second transition in the same transaction),
   * so the match, its conversation and the session's end commit together or not at all.
   */
  async function commit(tx: Executor, before: Session, result: Applied, now: number): Promise<Move> {
    let final = result;
    if (result.effects.some((e) => e.type === 'create-match')) {
      const [a, b] = result.session.participants;
      const made = await repo.matchPair(tx, a.userId, b.userId);
      const ended = mustApply(transition(result.session, { type: 'match-created', ...made }, now));
      final = { ...ended, effects: [...result.effects, ...ended.effects] };
    }
    const effects = [...final.effects, ...(await persist(tx, before, final.session, final.effects, now))];
    return { session: final.session, effects, now };
  }

  /** Saves `session` (which was `before`) with its consents; a session that just ended leaves its trace. Returns extra effects. */
  async function persist(tx: Executor, before: Session, session: Session, effects: Effect[], now: number): Promise<Effect[]> {
    await repo.saveSession(tx, session, now);
    for (const e of effects) {
      if (e.type === 'consent') await repo.recordConsent(tx, { sessionId: session.id, ...e });
    }
    return before.state !== 'ended' && session.state === 'ended' ? trace(tx, before, session, now) : [];
  }

  /**
   * Every ended date leaves a trace, in the transaction that ends it: its history row, and a system
   * line in the match's conversation (chat's, through chat's service) pushed to both after commit.
   * Not after a report or a block: that conversation is closed.
   */
  async function trace(tx: Executor, before: Session, s: Session, now: number): Promise<Effect[]> {
    const reached = stagesReached(before);
    if (!(await recordEnd(tx, { session: s, stagesReached: reached, endedAt: now }))) return [];
    if (!s.conversationId || s.kind !== 'staged' || s.endReason === null || s.endReason === EndReason.REPORTED) return [];
    const [caller] = s.participants;
    const line: ChatSystemLine = wasMissed(s.endReason, s.answeredAt)
      ? { type: 'call-missed', sessionId: s.id, callerId: caller.userId }
      : {
          type: 'call-ended',
          sessionId: s.id,
          stagesReached: reached,
          stages: s.plan.length,
          durationS: s.answeredAt === null ? 0 : Math.max(0, Math.round((now - s.answeredAt) / 1000)),
          reason: s.endReason,
        };
    const message = await appendSystemLine(tx, s.conversationId, caller.userId, line);
    return message
      ? s.participants.map((p): Effect => ({ type: 'emit', to: p.userId, event: ServerEvent.CHAT_MESSAGE, payload: message }))
      : [];
  }

  /**
   * Locks the session in `tx` and applies `eventFor(session)`. Null when there is no such session;
   * otherwise the session as it was and the move (without effects when `eventFor` answered null).
   */
  async function applyIn(tx: Executor, sessionId: string, eventFor: EventFor, now: number) {
    const before = await repo.lockSession(tx, sessionId);
    if (!before) return null;
    const event = eventFor(before);
    const move: Move = event
      ? await commit(tx, before, mustApply(transition(before, event, now)), now)
      : { session: before, effects: [], now };
    return { before, move };
  }

  /** Runs a committed move's effects: pushes (with the payloads only the server can make) and timers. */
  async function run({ session, effects, now }: Move): Promise<void> {
    // call:matched names the other person: their profiles are read before anything is pushed.
    const matched = effects.some((e) => e.type === 'matched') ? await views.matched(session) : null;
    // call:prepare names the other person too (the caller learns the callee's name from it).
    const peers = effects.some((e) => e.type === 'prepare') ? await views.peers(session) : null;
    for (const e of effects) {
      if (e.type === 'emit') ports.emit(e.to, e.event, e.payload, e.exceptSocketId);
      else if (e.type === 'notify') ports.notify(e.to, e.notification);
      else if (e.type === 'prepare') ports.emit(e.to, ServerEvent.CALL_PREPARE, views.prepare(session, e.to, now, peers?.get(e.to)));
      else if (e.type === 'matched') ports.emit(e.to, ServerEvent.CALL_MATCHED, matched!.get(e.to)!);
      else if (e.type === 'deadline' && e.at !== null) ports.armTimer(session.id, e.at);
    }
  }

  return {
    applyIn,
    run,

    /** `applyIn` in a transaction of its own, then its effects. The session as saved, or null when absent. */
    async apply(sessionId: string, eventFor: EventFor): Promise<Session | null> {
      const now = ports.now();
      const outcome = await db.orm.transaction((tx) => applyIn(tx, sessionId, eventFor, now));
      if (outcome) await run(outcome.move);
      return outcome?.move.session ?? null;
    },

    /**
     * Creates `fresh` (an idle session) in `tx` with its creating event: inserts it with its
     * participants, consents and deadlines. Throws a unique violation when either user is already in
     * a session (call_participants_one_live_per_user), which rolls the caller's transaction back.
     */
    async createIn(tx: Executor, fresh: Session, event: SessionEvent, now: number): Promise<Move> {
      const result = mustApply(transition(fresh, event, now));
      await repo.insertSession(tx, result.session);
      const extra = await persist(tx, fresh, result.session, result.effects, now);
      return { session: result.session, effects: [...result.effects, ...extra], now };
    },

    /** Runs every due deadline of one session (locked with SKIP LOCKED: another node may have it). */
    async runDeadlines(sessionId: string): Promise<void> {
      const now = ports.now();
      const move = await db.orm.transaction(async (tx): Promise<Move | null> => {
        const before = await repo.lockSession(tx, sessionId, { skipLocked: true });
        if (!before) return null;
        let session = before;
        const effects: Effect[] = [];
        for (const due of await repo.dueDeadlines(tx, now, 10, sessionId)) {
          const result = transition(session, { type: 'deadline', kind: due.kind, dueAt: due.dueAt }, now);
          // Not due any more (an earlier deadline in this loop ended or moved the session): skip it.
          if (!result.ok) continue;
          session = result.session;
          effects.push(...result.effects);
        }
        if (effects.length === 0) return null;
        effects.push(...(await persist(tx, before, session, effects, now)));
        return { session, effects, now };
      });
      if (move) await run(move);
    },
  };
}
