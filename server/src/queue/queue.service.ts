/**
 * Live queue rules: first come first served pairing into live sessions, atomic in the database.
 *
 * A join commits its ticket first, then tries to pair it in a second transaction: lock my ticket,
 * lock the oldest eligible partner (SKIP LOCKED), create the live session, mark both paired, record
 * the encounter; all or nothing. Two joiners racing may each find nobody (neither sees the other's
 * uncommitted ticket, or each skips the other's locked one): the sweeper, run by every node, pairs
 * what is left waiting. No user is ever in two sessions: tickets move only under their row lock, one
 * waiting ticket per user, and the calls table allows one live session per user.
 *
 * Decided here:
 * - `queue:join` while already waiting (any tab) → `conflict`; while in a call → `busy`;
 *   `queue:leave` while not waiting → `wrong-state` (e.g. just paired: `call:matched` is on its way).
 * - The user's last socket going away, or `queue:leave`, cancels the ticket at once.
 * - `queue:status {position, estimateMs?}` goes to every tab of a waiting user on join and whenever
 *   either changes; `{}` means "not in the queue" (left or cancelled in another tab).
 * - Estimate: the time the last pairings took on average per pair, times ceil(position / 2)
 *   (each pairing takes two people out); absent until something was paired in the past hour.
 * - A waiting user who enters a staged call keeps the ticket but is skipped until the call ends.
 */
import { ErrorCode, ServerEvent, type PublicUser, type QueueJoinResult, type QueueStatus } from '@flint/shared';
import type { CallsService } from '../calls/calls.service.ts';
import { findLiveSessionId } from '../calls/calls.repository.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import { findUserById } from '../users/users.repository.ts';
import { insertLiveSession, liveSession, matchedPayloads } from './live-session.ts';
import * as repo from './queue.repository.ts';

export interface QueuePorts {
  /** Push to every tab of `to`. */
  emit(to: string, event: string, payload: object): void;
  /** Whether `userId` has any socket left. */
  hasSockets(userId: string): Promise<boolean>;
  now(): number;
}

export interface QueueServiceDeps {
  db: Db;
  nodeId: string;
  timing: Config['timing'];
  prepareMs: number;
  /** Two people who met in the live queue are not paired again for this long. */
  repairHours: number;
  /** `announce` pushes a new session's `call:prepare`; `disconnected` hands a vanished user to the call's grace. */
  calls: Pick<CallsService, 'announce' | 'disconnected'>;
  ports: QueuePorts;
  logger: Logger;
}

export type QueueService = ReturnType<typeof createQueueService>;

/** Tickets tried per sweep pass; passes repeat while they pair someone (bounded by SWEEP_BUDGET_MS). */
const SWEEP_BATCH = 100;
const SWEEP_BUDGET_MS = 2000;
/** Paired tickets behind the wait estimate (20 pairs). */
const RATE_SAMPLE = 40;

export function createQueueService({ db, nodeId, timing, prepareMs, repairHours, calls, ports, logger }: QueueServiceDeps) {
  /** What each waiting ticket of this node was last told (a hint to avoid repeats, never the truth). */
  const told = new Map<string, string>();

  /** Pairs `ticketId` with the oldest eligible waiter; the pairing, or null when it stays waiting. */
  async function tryPair(ticketId: string): Promise<{ sessionId: string } | null> {
    const now = ports.now();
    const metSince = new Date(now - repairHours * 3600_000);
    let paired;
    try {
      paired = await db.orm.transaction(async (tx) => {
        const me = await repo.lockWaiting(tx, ticketId);
        if (!me || (await findLiveSessionId(tx, me.userId))) return null;
        const partner = await repo.lockPartner(tx, me, metSince);
        if (!partner) return null;
        // The partner found is the caller, the ticket being paired the (polite) callee: on a join,
        // the one who waited calls the newcomer.
        const session = liveSession([partner.userId, me.userId], timing, prepareMs, now);
        await insertLiveSession(tx, session, now);
        await repo.markPaired(tx, me, partner, session.id);
        return session;
      });
    } catch (err) {
      // One of them entered another call meanwhile: nothing was written; both stay waiting.
      if (isUniqueViolation(err)) return null;
      throw err;
    }
    if (!paired) return null;
    await announce(paired);
    return { sessionId: paired.id };
  }

  async function announce(session: ReturnType<typeof liveSession>) {
    const people = new Map<string, PublicUser>();
    for (const p of session.participants) people.set(p.userId, (await findUserById(db.orm, p.userId))!);
    for (const [to, payload] of matchedPayloads(session, people)) ports.emit(to, ServerEvent.CALL_MATCHED, payload);
    // The calls domain builds call:prepare (ICE servers or an Agora token).
    await calls.announce(session.id);
  }

  /** The pairing rate behind the estimates; read once per round of statuses. */
  const pairingRate = () => repo.recentPairing(db.orm, RATE_SAMPLE);

  function statusOf(position: number, rate: { pairs: number; spanMs: number }): QueueStatus {
    if (rate.pairs === 0) return { position };
    return { position, estimateMs: Math.round((Math.ceil(position / 2) * Math.max(rate.spanMs, 1)) / rate.pairs) };
  }

  function tell(userId: string, ticketId: string, status: QueueStatus) {
    const key = JSON.stringify(status);
    if (told.get(ticketId) === key) return;
    told.set(ticketId, key);
    ports.emit(userId, ServerEvent.QUEUE_STATUS, status);
  }

  return {
    /**
     * `connected` is asked once the ticket is committed: a socket that went away while the join was
     * in flight may already have run its disconnect hook, which then found no ticket to cancel.
     */
    async join(userId: string, socketId: string, connected: () => boolean = () => true): Promise<QueueJoinResult> {
      if (await findLiveSessionId(db.orm, userId)) throw new DomainError(ErrorCode.BUSY, 'you are already in a call');
      let ticketId: string;
      try {
        ticketId = await repo.insertTicket(db.orm, { userId, nodeId, socketId });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError(ErrorCode.CONFLICT, 'you are already in the queue');
        throw err;
      }
      if (!connected()) {
        // Paired by someone else in between: the call's reconnect grace takes over from here.
        if (!(await repo.cancelWaiting(db.orm, userId))) await calls.disconnected(userId);
        throw new DomainError(ErrorCode.DISCONNECTED, 'you disconnected while joining');
      }
      const pairing = await tryPair(ticketId);
      if (pairing) return { status: 'matched', ...pairing };
      const state = await repo.ticketState(db.orm, ticketId);
      // Paired by another node or the sweeper in between: its call:matched is on its way.
      if (state?.status === 'paired') return { status: 'matched', sessionId: state.sessionId! };
      const status = statusOf(state!.position, await pairingRate());
      tell(userId, ticketId, status);
      return { status: 'waiting', ...status };
    },

    async leave(userId: string): Promise<void> {
      if (!(await repo.cancelWaiting(db.orm, userId))) throw new DomainError(ErrorCode.WRONG_STATE, 'you are not in the queue');
      ports.emit(userId, ServerEvent.QUEUE_STATUS, {});
    },

    /** The user's last socket went away: out of the queue at once, or (paired just now) into the call's grace. */
    async disconnected(userId: string): Promise<void> {
      if (await repo.cancelWaiting(db.orm, userId)) return;
      await calls.disconnected(userId);
    },

    tryPair,

    /** Pairs whatever is left waiting, oldest first (two joiners that raced each found nobody). */
    async sweep(): Promise<number> {
      const started = ports.now();
      let total = 0;
      for (;;) {
        let paired = 0;
        for (const id of await repo.oldestWaiting(db.orm, SWEEP_BATCH)) {
          if (await tryPair(id).catch((err: unknown) => logger.error({ err, ticketId: id }, 'queue pairing failed'))) paired++;
        }
        total += paired;
        if (paired === 0 || ports.now() - started > SWEEP_BUDGET_MS) return total;
      }
    },

    /** Pushes `queue:status` to this node's waiters whose position or estimate changed. */
    async refreshStatuses(): Promise<void> {
      const waiting = await repo.positionsOnNode(db.orm, nodeId);
      const live = new Set(waiting.map((w) => w.id));
      for (const id of told.keys()) if (!live.has(id)) told.delete(id);
      if (waiting.length === 0) return;
      const rate = await pairingRate();
      for (const w of waiting) tell(w.userId, w.id, statusOf(w.position, rate));
    },

    /** Cancels this node's waiting tickets whose user has no socket left (a missed disconnect). */
    async dropZombies(): Promise<void> {
      for (const w of await repo.positionsOnNode(db.orm, nodeId)) {
        if (!(await ports.hasSockets(w.userId))) await repo.cancelWaiting(db.orm, w.userId);
      }
    },

    /** At start: what this node's previous life left waiting is stale (those sockets are gone). */
    async cancelLeftovers(): Promise<void> {
      const users = await repo.cancelNode(db.orm, nodeId);
      if (users.length > 0) logger.info({ users: users.length }, 'cancelled queue tickets left by a previous run');
    },
  };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
