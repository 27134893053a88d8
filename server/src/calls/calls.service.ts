/**
 * Call rules: who may call whom, "busy", what a participant may do to a session, who is gone, and
 * how a live pairing is announced. Every change is a transition applied by the executor
 * (calls.apply.ts); payloads come from calls.views.ts, new sessions from calls.factory.ts, and
 * calls.sweeper.ts runs what is due without a request.
 */
import { type CallSessionView, ErrorCode, type PublicUser } from '@flint/shared';
import type { Config } from '../config.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { isBlockedEitherWay } from '../users/users.repository.ts';
import { type CallsPorts, createCallsExecutor } from './calls.apply.ts';
import { createSessionFactory } from './calls.factory.ts';
import type { Effect, Move, Session, SessionEvent } from './calls.model.ts';
import type { CallsOptions } from './calls.options.ts';
import * as repo from './calls.repository.ts';
import { createCallViews } from './calls.views.ts';

export interface CallsServiceDeps {
  db: Db;
  timing: Config['timing'];
  options: CallsOptions;
  ports: CallsPorts;
}

export type CallsService = ReturnType<typeof createCallsService>;

export function createCallsService({ db, timing, options, ports }: CallsServiceDeps) {
  const views = createCallViews(db, options);
  const sessions = createSessionFactory(timing, options.prepareTimeoutS);
  const { apply, createIn, run, runDeadlines } = createCallsExecutor({ db, ports, views });

  const event =
    <E extends SessionEvent>(e: E) =>
    () =>
      e;
  const mustExist = (s: Session | null) => {
    if (!s) throw DomainError.notFound('call');
    return s;
  };

  /** Stale sessions never block a new call: their overdue deadlines are run first. */
  async function settleOverdue(userIds: string[]) {
    for (const userId of userIds) {
      const id = await repo.findLiveSessionId(db.orm, userId);
      if (id) await runDeadlines(id);
    }
  }

  /**
   * If `userId` has no socket left on any node, they left their call: the other side is told and the
   * reconnect grace starts. A tab that came back meanwhile is restored at once.
   */
  async function checkGone(userId: string): Promise<void> {
    if (await ports.hasSockets(userId)) return;
    const id = await repo.findLiveSessionId(db.orm, userId);
    if (!id) return;
    await apply(id, event({ type: 'disconnect', userId }));
    if (await ports.hasSockets(userId)) await apply(id, (s) => (s.state === 'ended' ? null : { type: 'resume', userId }));
  }

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
      const fresh = sessions.staged(caller.id, calleeId, { id: matchId, conversationId: match.conversationId });
      let move: Move;
      try {
        move = await db.orm.transaction((tx) => createIn(tx, fresh, { type: 'request', from: caller }, now));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const self = await repo.findLiveSessionId(db.orm, caller.id);
        throw new DomainError(ErrorCode.BUSY, self ? 'you are already in a call' : 'they are in another call right now');
      }
      await run(move);
      return { sessionId: move.session.id };
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
      return s && s.state !== 'ended' ? views.view(s, userId, ports.now()) : null;
    },

    checkGone,

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
      const effects = s.participants.map((p): Effect => ({ type: 'prepare', to: p.userId }));
      await run({ session: s, effects, now: ports.now() });
      for (const p of s.participants) await checkGone(p.userId);
    },

    /** The other participant of a call in progress, for relays (signal, media state). */
    async relayTarget(userId: string, sessionId: string): Promise<string> {
      const peer = await repo.peerOf(db.orm, sessionId, userId);
      if (!peer) throw DomainError.forbidden('you are not a participant of this call');
      if (peer.state === 'ringing' || peer.state === 'ended') throw new DomainError(ErrorCode.WRONG_STATE, 'this call is not in progress');
      return peer.userId;
    },

    runDeadlines,
  };
}
