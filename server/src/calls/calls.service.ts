/**
 * Call rules: who may call whom, "busy", what a participant may do to a session, and the entry points
 * other domains use, since the calls domain alone writes sessions, participants, consents and
 * deadlines: the queue creates a live pairing inside its own pairing transaction (`createLive`, then
 * `announce` after its commit), safety ends a session `reported` inside its own (`report`, then
 * `publish`). Every change is a transition applied by the executor (calls.apply.ts).
 */
import { type CallSessionView, type ClientPayloads, ErrorCode, type IceConfig, type PublicUser } from '@flint/shared';
import type { Config } from '../config.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Db, Executor } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { isBlockedEitherWay } from '../users/users.repository.ts';
import { type CallsPorts, createCallsExecutor } from './calls.apply.ts';
import { createSessionFactory } from './calls.factory.ts';
import { listHistory } from './calls.history.ts';
import type { Move, Session, SessionEvent } from './calls.model.ts';
import type { CallsOptions } from './calls.options.ts';
import { createCallOwnership } from './calls.owner.ts';
import * as quality from './calls.quality.repository.ts';
import * as repo from './calls.repository.ts';
import { createCallViews } from './calls.views.ts';

export interface CallsServiceDeps {
  db: Db;
  timing: Config['timing'];
  options: CallsOptions;
  ports: CallsPorts;
}

export type CallsService = ReturnType<typeof createCallsService>;

/** How many dates `GET /api/calls/history` returns. */
const HISTORY_LIMIT = 100;

export function createCallsService({ db, timing, options, ports }: CallsServiceDeps) {
  const views = createCallViews(db, options);
  const sessions = createSessionFactory(timing, options.prepareTimeoutS);
  const { apply, applyIn, createIn, run, runDeadlines } = createCallsExecutor({ db, ports, views });
  const owners = createCallOwnership(db, ports);

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
   * If the tab running `userId`'s side (calls.owner.ts; before anyone owns it, any tab of theirs) has
   * no socket left on any node, they left their call: the other side is told and the reconnect
   * grace starts. A tab that came back meanwhile is restored at once.
   */
  async function checkGone(userId: string): Promise<void> {
    const id = await repo.findLiveSessionId(db.orm, userId);
    if (!id || !(await owners.gone(id, userId))) return;
    await apply(id, event({ type: 'disconnect', userId }));
    if (!(await owners.gone(id, userId))) await apply(id, (s) => (s.state === 'ended' ? null : { type: 'resume', userId }));
  }

  return {
    /** `tab`: the caller's browser tab, which owns the call from now on. */
    async request(caller: PublicUser, matchId: string, tab: string): Promise<{ sessionId: string }> {
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
      await owners.take(move.session.id, caller.id, tab);
      await run(move);
      return { sessionId: move.session.id };
    },

    /** Any tab may answer the invite; the one that accepts (`socketId` of tab `tab`) owns the call. */
    async respond(userId: string, sessionId: string, accept: boolean, socketId: string, tab: string) {
      mustExist(await apply(sessionId, event(accept ? { type: 'accept', userId, socketId } : { type: 'decline', userId })));
      if (accept) await owners.take(sessionId, userId, tab);
    },
    // Stage actions come from the tab that owns this side only (calls.owner.ts).
    async ready(userId: string, sessionId: string, stage: number, tab: string) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'ready', userId, stage })));
    },
    async deviceFailed(
      userId: string,
      sessionId: string,
      stage: number,
      reason: Extract<SessionEvent, { type: 'device-failed' }>['reason'],
      tab: string,
    ) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'device-failed', userId, stage, reason })));
    },
    async mediaFailed(userId: string, sessionId: string, stage: number, tab: string) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'media-failed', userId, stage })));
    },
    async mediaPath(userId: string, sessionId: string, stage: number, up: boolean, tab: string) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'media-path', userId, stage, up })));
    },
    /** Fresh ICE servers (TURN credentials) for a participant of a WebRTC call still going on. */
    async iceServers(userId: string, sessionId: string): Promise<IceConfig> {
      const peer = await repo.peerOf(db.orm, sessionId, userId);
      if (!peer) throw DomainError.forbidden('you are not a participant of this call');
      if (peer.state === 'ringing' || peer.state === 'ended') throw new DomainError(ErrorCode.WRONG_STATE, 'this call is not in progress');
      if (options.agora) throw new DomainError(ErrorCode.WRONG_STATE, 'this call does not use WebRTC');
      return views.ice(userId, ports.now());
    },
    async vote(userId: string, sessionId: string, stage: number, proceed: boolean, tab: string) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'vote', userId, stage, proceed })));
    },
    async leave(userId: string, sessionId: string, tab: string) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'leave', userId })));
    },
    /** The page running `userId`'s side is closing: gone at once, with the leave grace (calls.transition.ts). */
    async leaving(userId: string, sessionId: string, tab: string) {
      await owners.mustAct(sessionId, userId, tab);
      mustExist(await apply(sessionId, event({ type: 'leaving', userId })));
    },

    /** `userId`'s gate failed and retries: the other person is told, with when the date ends unless it passes. */
    async gateFailed(userId: string, p: ClientPayloads['call:gate'], tab: string) {
      await owners.mustAct(p.sessionId, userId, tab);
      mustExist(await apply(p.sessionId, event({ type: 'gate-failed', userId, stage: p.stage, reason: p.reason, endsInMs: p.endsInMs })));
    },

    /** `userId`'s dates, newest first (blocked people left out). */
    history: (userId: string) => listHistory(db.orm, userId, HISTORY_LIMIT),

    /**
     * A quality sample of `userId`'s side (shared/src/quality.ts), from the tab that owns it, in the
     * stage that is running: counted and kept. Returns the other participant, who is told the level.
     */
    async quality(userId: string, sessionId: string, report: quality.QualityReport, tab: string): Promise<string> {
      const target = await quality.qualityTarget(db.orm, sessionId, userId);
      if (!target) throw DomainError.forbidden('you are not a participant of this call');
      await owners.mustAct(sessionId, userId, tab);
      if (target.state !== 'active' || target.stage !== report.stage) {
        throw new DomainError(ErrorCode.WRONG_STATE, `stage ${report.stage} is not running`);
      }
      await quality.recordQuality(db.orm, sessionId, userId, report);
      return target.peer;
    },
    /** Samples per level per stage over the last `hours` hours (admin statistics). */
    qualitySummary: (hours: number) => quality.qualitySummary(db.orm, hours),
    /** For relays: refuses a tab that does not own this side. */
    mustAct: owners.mustAct,
    /** Keeps what `userId` says it sends with the session (re-read in every resume view). */
    recordSending: (userId: string, sessionId: string, audio: boolean, video: boolean) =>
      repo.recordSending(db.orm, sessionId, userId, audio, video),

    /**
     * The caller's session as it stands (null when none or ended); restores a dropped participant.
     * Tab `tab` of theirs that does not own the call gets the view marked `elsewhere` and changes nothing.
     */
    async resume(userId: string, sessionId: string | undefined, tab: string): Promise<CallSessionView | null> {
      const id = sessionId ?? (await repo.findLiveSessionId(db.orm, userId));
      if (!id) return null;
      if (!(await repo.isParticipant(db.orm, id, userId))) throw DomainError.forbidden('you are not a participant of this call');
      const current = await apply(id, () => null);
      if (!current || current.state === 'ended') return null;
      if ((await owners.join(id, userId, tab, current.state !== 'ringing')) === 'elsewhere') {
        return { ...(await views.view(current, userId, ports.now())), elsewhere: true };
      }
      const s = await apply(id, (s) => (s.state === 'ended' ? null : { type: 'resume', userId }));
      return s && s.state !== 'ended' ? views.view(s, userId, ports.now()) : null;
    },

    checkGone,

    /** The session `userId` is in that has not ended, if any; read through `executor` (e.g. the caller's transaction). */
    liveSessionOf: (userId: string, executor: Executor = db.orm) => repo.findLiveSessionId(executor, userId),

    /**
     * A live session for a queue pairing, created inside the queue's pairing transaction `tx` so that
     * a unique violation (either user already in a session) rolls the pairing back with it.
     * `userIds`: [the one who waited (caller, the impolite peer), the newcomer (callee)].
     */
    createLive: (tx: Executor, userIds: [string, string], now: number): Promise<Move> =>
      createIn(tx, sessions.live(userIds), { type: 'start-live' }, now),

    /**
     * Once the pairing committed: `call:matched` and `call:prepare` for both. A participant whose last
     * socket went while the pairing was being committed was not in this session yet when their
     * disconnect hook looked: they are found here and their grace starts at once.
     */
    async announce(live: Move): Promise<void> {
      await run(live);
      for (const p of live.session.participants) await checkGone(p.userId);
    },

    /**
     * A report or a block by `userId`, inside safety's transaction `tx` (which records the block and
     * the report): ends the session `reported` for both if it is still going. Returns the other
     * participant, the stage and state the session was in, and the move to `publish` after commit.
     */
    async report(tx: Executor, userId: string, sessionId: string) {
      const outcome = await applyIn(tx, sessionId, event({ type: 'report', userId }), ports.now());
      if (!outcome) throw DomainError.notFound('call');
      const { before, move } = outcome;
      const peer = before.participants.find((p) => p.userId !== userId)!;
      return { peerId: peer.userId, stage: before.stage, state: before.state, move };
    },

    /** Runs a move committed in another domain's transaction: its pushes and timers. */
    publish: run,

    /** The other participant of a call in progress, for relays (signal, media state). */
    async relayTarget(userId: string, sessionId: string): Promise<string> {
      const peer = await repo.peerOf(db.orm, sessionId, userId);
      if (!peer) throw DomainError.forbidden('you are not a participant of this call');
      if (peer.state === 'ringing' || peer.state === 'ended') throw new DomainError(ErrorCode.WRONG_STATE, 'this call is not in progress');
      return peer.userId;
    },

    /**
     * The caller of a call still ringing `userId`, whose app was rung while it could not show calls
     * (`call:unavailable`): the caller is told, the session is left as it is (another tab or device
     * of the callee may still answer before the ring times out).
     */
    async calleeUnavailable(userId: string, sessionId: string): Promise<string> {
      const caller = await repo.ringingCallerOf(db.orm, sessionId, userId);
      if (!caller) throw DomainError.forbidden('you are not being rung for this call');
      return caller;
    },

    runDeadlines,
  };
}
