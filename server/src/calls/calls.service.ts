/**
 * Call rules around the pure transition: who may call whom, "busy", the session view, and the
 * executor that runs a transition's effects. Each change is one transaction: lock the session row,
 * transition, save, record consent; the pushes happen only after the commit, so a client is never
 * told something the database does not hold. No socket import: pushes and timers go through ports.
 */
import { randomUUID } from 'node:crypto';
import {
  type CallPrepare,
  type CallSessionView,
  ErrorCode,
  type FlintNotification,
  type PublicUser,
  type PushPayload,
  ServerEvent,
  type ServerEventName,
} from '@flint/shared';
import type { Config } from '../config.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Db, Executor } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import { findUserById, isBlockedEitherWay } from '../users/users.repository.ts';
import { agoraJoin } from './agora.ts';
import type { Effect, Session, SessionEvent, TransitionResult } from './calls.model.ts';
import type { CallsOptions } from './calls.options.ts';
import * as repo from './calls.repository.ts';
import { transition } from './calls.transition.ts';
import { iceServersFor } from './ice.ts';

export interface CallsPorts {
  /** Push to every tab of `to`, except `exceptSocketId`. */
  emit<E extends ServerEventName>(to: string, event: E, payload: PushPayload<E>, exceptSocketId?: string): void;
  /** A deadline of `sessionId` is now due at `at`: arm the local fast-path timer. */
  armTimer(sessionId: string, at: number): void;
  /**
   * An app notification (`notification` event) to every tab of `userId`: the live "Match?" outcome.
   * Optional only for instances that never take votes (the queue's, which announces pairings):
   * those moves never notify.
   */
  notify?(userId: string, notification: Omit<FlintNotification, 'id' | 'createdAt'>): void;
  /** Whether `userId` has any socket on any node. */
  hasSockets(userId: string): Promise<boolean>;
  now(): number;
}

export interface CallsServiceDeps {
  db: Db;
  timing: Config['timing'];
  options: CallsOptions;
  ports: CallsPorts;
  logger: Logger;
}

export type CallsService = ReturnType<typeof createCallsService>;

/** Sessions swept per tick: bounds one tick's work; the next tick takes the rest. */
const SWEEP_BATCH = 50;

export function createCallsService({ db, timing, options, ports, logger }: CallsServiceDeps) {
  /**
   * Applies `eventFor(session)` to a locked session and runs the effects after commit. `eventFor`
   * answering null leaves the session untouched. Returns the session as saved, or null when absent
   * (or, with `skipLocked`, held by another node).
   */
  async function apply(
    sessionId: string,
    eventFor: (s: Session) => SessionEvent | null,
    opts: { skipLocked?: boolean } = {},
  ): Promise<Session | null> {
    const now = ports.now();
    const outcome = await db.orm.transaction(async (tx) => {
      const session = await repo.lockSession(tx, sessionId, opts);
      if (!session) return null;
      const event = eventFor(session);
      if (!event) return { session, effects: [] as Effect[] };
      return commit(tx, mustApply(transition(session, event, now)), now);
    });
    if (outcome) execute(outcome.session, outcome.effects, now);
    return outcome?.session ?? null;
  }

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
  async function commit(tx: Executor, result: Applied, now: number): Promise<Applied> {
    let final = result;
    if (result.effects.some((e) => e.type === 'create-match')) {
      const [a, b] = result.session.participants;
      const made = await repo.matchPair(tx, a.userId, b.userId);
      const ended = mustApply(transition(result.session, { type: 'match-created', ...made }, now));
      final = { ...ended, effects: [...result.effects, ...ended.effects] };
    }
    await persist(tx, final.session, final.effects, now);
    return final;
  }

  async function persist(tx: Executor, session: Session, effects: Effect[], now: number) {
    await repo.saveSession(tx, session, now);
    for (const e of effects) {
      if (e.type === 'consent') await repo.recordConsent(tx, { sessionId: session.id, ...e });
    }
  }

  function execute(session: Session, effects: Effect[], now: number) {
    for (const e of effects) {
      if (e.type === 'emit') ports.emit(e.to, e.event, e.payload, e.exceptSocketId);
      else if (e.type === 'notify') ports.notify?.(e.to, e.notification);
      else if (e.type === 'prepare') ports.emit(e.to, ServerEvent.CALL_PREPARE, preparePayload(session, e.to, now));
      else if (e.type === 'deadline' && e.at !== null) ports.armTimer(session.id, e.at);
    }
  }

  function preparePayload(s: Session, userId: string, now: number): CallPrepare {
    const me = s.participants.find((p) => p.userId === userId)!;
    const base = {
      sessionId: s.id,
      stage: s.stage,
      stages: s.plan.length,
      media: s.plan[s.stage - 1]!.media,
      // Perfect negotiation: the callee is the polite peer (yields on an offer collision).
      polite: me.role === 'callee',
      conversationId: s.conversationId,
    };
    return options.agora
      ? { ...base, engine: 'agora', iceServers: [], agora: agoraJoin(options.agora, s.id, me.role) }
      : { ...base, engine: 'webrtc', iceServers: iceServersFor(userId, options.turn, now) };
  }

  async function view(s: Session, userId: string): Promise<CallSessionView> {
    const me = s.participants.find((p) => p.userId === userId)!;
    const peer = s.participants.find((p) => p.userId !== userId)!;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const live = s.state === 'preparing' || s.state === 'active';
    return {
      sessionId: s.id,
      kind: s.kind,
      state: s.state,
      stage: s.stage,
      stages: s.plan.length,
      media: s.plan[s.stage - 1]!.media,
      peer: (await findUserById(db.orm, peer.userId))!,
      conversationId: s.conversationId,
      endsAt: iso(s.endsAt),
      decisionEndsAt: iso(s.decisionEndsAt),
      ringEndsAt: iso(s.ringEndsAt),
      peerConnected: peer.connected,
      myVote: s.state === 'intermission' && me.vote?.stage === s.stage ? me.vote.proceed : null,
      role: me.role,
      prepare: live ? preparePayload(s, userId, ports.now()) : null,
    };
  }

  /** Runs every due deadline of one session (locked with SKIP LOCKED: another node may have it). */
  async function runDeadlines(sessionId: string): Promise<void> {
    const now = ports.now();
    const outcome = await db.orm.transaction(async (tx) => {
      let session = await repo.lockSession(tx, sessionId, { skipLocked: true });
      if (!session) return null;
      const effects: Effect[] = [];
      for (const due of await repo.dueDeadlines(tx, now, 10, sessionId)) {
        const result = transition(session, { type: 'deadline', kind: due.kind, dueAt: due.dueAt }, now);
        // Not due any more (an earlier deadline in this loop ended or moved the session): skip it.
        if (!result.ok) continue;
        session = result.session;
        effects.push(...result.effects);
      }
      if (effects.length === 0) return null;
      await persist(tx, session, effects, now);
      return { session, effects };
    });
    if (outcome) execute(outcome.session, outcome.effects, now);
  }

  /** Stale sessions never block a new call: their overdue deadlines are run first. */
  async function settleOverdue(userIds: string[]) {
    for (const userId of userIds) {
      const id = await repo.findLiveSessionId(db.orm, userId);
      if (id) await runDeadlines(id);
    }
  }

  /** The user's last socket went away. If one came back meanwhile, that tab is restored at once. */
  async function disconnected(userId: string) {
    const id = await repo.findLiveSessionId(db.orm, userId);
    if (!id) return;
    await apply(id, event({ type: 'disconnect', userId }));
    if (await ports.hasSockets(userId)) await apply(id, (s) => (s.state === 'ended' ? null : { type: 'resume', userId }));
  }

  const event =
    <E extends SessionEvent>(e: E) =>
    () =>
      e;
  const mustExist = (s: Session | null) => {
    if (!s) throw DomainError.notFound('call');
    return s;
  };

  return {
    async request(caller: PublicUser, matchId: string): Promise<{ sessionId: string }> {
      const match = await repo.findMatch(db.orm, matchId);
      if (!match) throw DomainError.notFound('match');
      if (match.userA !== caller.id && match.userB !== caller.id) throw DomainError.forbidden('you can only call your own matches');
      const calleeId = match.userA === caller.id ? match.userB : match.userA;
      // A block (or a report, which blocks too) closes the match to calls either way.
      if (await isBlockedEitherWay(db.orm, caller.id, calleeId)) throw DomainError.forbidden('you can no longer call this person');
      await settleOverdue([caller.id, calleeId]);
      const now = ports.now();
      const fresh: Session = {
        id: randomUUID(),
        kind: 'staged',
        matchId,
        conversationId: match.conversationId,
        plan: timing.stagedPlan,
        timing: {
          ringMs: timing.ringTimeoutS * 1000,
          decisionMs: timing.decisionTimeoutS * 1000,
          graceMs: timing.reconnectGraceS * 1000,
          prepareMs: options.prepareTimeoutS * 1000,
        },
        state: 'idle',
        stage: 1,
        ringEndsAt: null,
        prepareEndsAt: null,
        endsAt: null,
        remainingMs: null,
        decisionEndsAt: null,
        endReason: null,
        participants: [caller.id, calleeId].map((userId, i) => ({
          userId,
          role: i === 0 ? 'caller' : 'callee',
          vote: null,
          readyStage: 0,
          connected: true,
          disconnectedAt: null,
        })) as Session['participants'],
      };
      const result = transition(fresh, { type: 'request', from: caller }, now);
      if (!result.ok) throw new DomainError(result.error.code, result.error.message);
      try {
        await db.orm.transaction(async (tx) => {
          await repo.insertSession(tx, result.session);
          await persist(tx, result.session, result.effects, now);
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const self = await repo.findLiveSessionId(db.orm, caller.id);
        throw new DomainError(ErrorCode.BUSY, self ? 'you are already in a call' : 'they are in another call right now');
      }
      execute(result.session, result.effects, now);
      return { sessionId: result.session.id };
    },

    async respond(userId: string, sessionId: string, accept: boolean, socketId: string) {
      mustExist(await apply(sessionId, event(accept ? { type: 'accept', userId, socketId } : { type: 'decline', userId })));
    },
    async ready(userId: string, sessionId: string, stage: number) {
      mustExist(await apply(sessionId, event({ type: 'ready', userId, stage })));
    },
    async deviceFailed(
      userId: string,
      sessionId: string,
      stage: number,
      reason: Extract<SessionEvent, { type: 'device-failed' }>['reason'],
    ) {
      mustExist(await apply(sessionId, event({ type: 'device-failed', userId, stage, reason })));
    },
    async vote(userId: string, sessionId: string, stage: number, proceed: boolean) {
      mustExist(await apply(sessionId, event({ type: 'vote', userId, stage, proceed })));
    },
    async leave(userId: string, sessionId: string) {
      mustExist(await apply(sessionId, event({ type: 'leave', userId })));
    },

    /** The caller's session as it stands (null when none or ended); restores a dropped participant. */
    async resume(userId: string, sessionId?: string): Promise<CallSessionView | null> {
      const id = sessionId ?? (await repo.findLiveSessionId(db.orm, userId));
      if (!id) return null;
      if (!(await repo.isParticipant(db.orm, id, userId))) throw DomainError.forbidden('you are not a participant of this call');
      const s = await apply(id, (s) => (s.state === 'ended' ? null : { type: 'resume', userId }));
      return s && s.state !== 'ended' ? view(s, userId) : null;
    },

    disconnected,

    /**
     * Pushes the current stage's `call:prepare` to both participants: how a session created outside
     * `call:request` (a live-queue pairing) is announced. Unlike `resume`, it never marks anyone
     * present, so a participant who dropped meanwhile stays in the reconnect grace. A participant
     * whose last socket went while the pairing was being committed was not in this session yet when
     * their disconnect hook looked: they are found here and their grace starts at once.
     */
    async announce(sessionId: string): Promise<void> {
      const s = await repo.lockSession(db.orm, sessionId);
      if (!s || (s.state !== 'preparing' && s.state !== 'active')) return;
      execute(
        s,
        s.participants.map((p): Effect => ({ type: 'prepare', to: p.userId })),
        ports.now(),
      );
      for (const p of s.participants) if (!(await ports.hasSockets(p.userId))) await disconnected(p.userId);
    },

    /** The other participant of a call in progress, for relays (signal, media state). */
    async relayTarget(userId: string, sessionId: string): Promise<string> {
      const peer = await repo.peerOf(db.orm, sessionId, userId);
      if (!peer) throw DomainError.forbidden('you are not a participant of this call');
      if (peer.state === 'ringing' || peer.state === 'ended') throw new DomainError(ErrorCode.WRONG_STATE, 'this call is not in progress');
      return peer.userId;
    },

    runDeadlines,

    /** One sweep: every session with a due deadline, whichever node armed it. */
    async sweepDue() {
      const due = await repo.dueDeadlines(db.orm, ports.now(), SWEEP_BATCH);
      for (const sessionId of new Set(due.map((d) => d.sessionId))) {
        await runDeadlines(sessionId).catch((err: unknown) => logger.error({ err, sessionId }, 'call deadline failed'));
      }
    },

    /**
     * Zombie sweep: participants the database believes connected but who have no socket anywhere
     * (their node died, so no disconnect was ever seen) are marked gone, which starts their grace.
     */
    async checkPresence() {
      for (const { userId } of await repo.connectedLiveParticipants(db.orm)) {
        if (!(await ports.hasSockets(userId))) await disconnected(userId);
      }
    },
  };
}
