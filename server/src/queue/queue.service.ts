/**
 * Live queue rules: first come first served pairing into live sessions, atomic in the database.
 *
 * A join inserts its ticket and pairs it in one transaction: lock the oldest eligible partner (SKIP
 * LOCKED), have the calls domain create the live session in that transaction, mark both paired,
 * record the encounter; all or nothing, and the ticket is committed waiting when nobody is found.
 * Nobody sees the ticket before that attempt is over, so its ack is exact: `matched` when this join
 * paired it, `waiting` when nobody could. Two joiners racing may each find nobody (neither sees the
 * other's uncommitted ticket, or each skips the other's locked partner): the sweeper, run by every
 * node, pairs what is left waiting, locking only tickets it can pair right now. No user is ever in
 * two sessions: tickets move only under their row lock, one waiting ticket per user, and the calls
 * table allows one live session per user.
 *
 * Decided here:
 * - `queue:join` while already waiting (any tab) → `conflict`; while in a call → `busy`;
 *   `queue:leave` while not waiting → `wrong-state` (e.g. just paired: `call:matched` is on its way).
 * - The user's last socket going away, or `queue:leave`, cancels the ticket at once.
 * - `queue:status {position, estimateMs?}` goes to every tab of a waiting user on join and whenever
 *   either changes; `{}` means "not in the queue" (left or cancelled in another tab).
 * - Estimate: the time the last pairings took on average per pair, times ceil(position / 2)
 *   (each pairing takes two people out), rounded as the live page shows it (seconds, or minutes
 *   from one minute); absent until something was paired in the past hour.
 * - A waiting user who enters a staged call keeps the ticket but is skipped until the call ends.
 */
import { ErrorCode, type PushPayload, type QueueJoinResult, type QueueStatus, ServerEvent, type ServerEventName } from '@flint/shared';
import type { Move } from '../calls/calls.model.ts';
import type { CallsService } from '../calls/calls.service.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Db, Tx } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import * as repo from './queue.repository.ts';

export interface QueuePorts {
  /** Push to every tab of `to`. */
  emit<E extends ServerEventName>(to: string, event: E, payload: PushPayload<E>): void;
  /** Whether `userId` has any socket left. */
  hasSockets(userId: string): Promise<boolean>;
  now(): number;
}

export interface QueueServiceDeps {
  db: Db;
  nodeId: string;
  /** Two people who met in the live queue are not paired again for this long. */
  repairHours: number;
  /** The calls domain: who is in a call, and the live session of a pairing (created in its transaction, announced after). */
  calls: Pick<CallsService, 'liveSessionOf' | 'createLive' | 'announce'>;
  ports: QueuePorts;
  logger: Logger;
}

export type QueueService = ReturnType<typeof createQueueService>;

/** Tickets tried per sweep pass; passes repeat while they pair someone (bounded by SWEEP_BUDGET_MS). */
const SWEEP_BATCH = 100;
const SWEEP_BUDGET_MS = 2000;
/** Paired tickets behind the wait estimate (20 pairs). */
const RATE_SAMPLE = 40;

export function createQueueService({ db, nodeId, repairHours, calls, ports, logger }: QueueServiceDeps) {
  /** What each waiting ticket of this node was last told, and when (a hint to avoid repeats, never the truth). */
  const told = new Map<string, { status: string; at: number }>();

  /**
   * Creates the live session for two locked tickets and marks them paired. The partner found is the
   * caller, the ticket being paired the (polite) callee: on a join, the one who waited calls the
   * newcomer. Null when one of them entered another call meanwhile (a unique violation): nothing
   * of the pairing is written and both stay waiting.
   */
  async function pair(tx: Tx, me: repo.Ticket, partner: repo.Ticket, now: number): Promise<Move | null> {
    try {
      // A savepoint, so that a join's failed pairing still commits its waiting ticket.
      return await tx.transaction(async (sp) => {
        const live = await calls.createLive(sp, [partner.userId, me.userId], now);
        await repo.markPaired(sp, me, partner, live.session.id);
        return live;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** The sweeper's pairing of a waiting ticket with the oldest eligible waiter; whether it paired. */
  async function pairWaiting(ticket: repo.Ticket): Promise<boolean> {
    const now = ports.now();
    const metSince = new Date(now - repairHours * 3600_000);
    const paired = await db.orm.transaction(async (tx) => {
      const me = await repo.lockPairable(tx, ticket, metSince);
      if (!me) return null;
      const partner = await repo.lockPartner(tx, me, metSince);
      return partner && pair(tx, me, partner, now);
    });
    if (paired) await calls.announce(paired);
    return paired !== null;
  }

  /**
   * The user's last socket went away: out of the queue at once. A call they are in (even one paired
   * just now) is the calls domain's business: its own disconnect hook, and for a pairing that
   * committed after that hook looked, the check `calls.announce` makes once the pairing committed.
   */
  async function disconnected(userId: string): Promise<void> {
    await repo.cancelWaiting(db.orm, userId);
  }

  /** The pairing rate behind the estimates; read once per round of statuses. */
  const pairingRate = () => repo.recentPairing(db.orm, RATE_SAMPLE);

  function statusOf(position: number, rate: { pairs: number; spanMs: number }): QueueStatus {
    if (rate.pairs === 0) return { position };
    return { position, estimateMs: shownPrecision((Math.ceil(position / 2) * Math.max(rate.spanMs, 1)) / rate.pairs) };
  }

  function tell(userId: string, ticketId: string, status: QueueStatus) {
    const key = JSON.stringify(status);
    if (told.get(ticketId)?.status === key) return;
    told.set(ticketId, { status: key, at: ports.now() });
    ports.emit(userId, ServerEvent.QUEUE_STATUS, status);
  }

  return {
    /**
     * `connected` is asked before pairing and again once the ticket is committed: a socket that went
     * away while the join was in flight may already have run its disconnect hooks, which then found
     * no ticket to cancel (and no session yet: `calls.announce` looks again once it committed).
     */
    async join(userId: string, socketId: string, connected: () => boolean = () => true): Promise<QueueJoinResult> {
      if (await calls.liveSessionOf(userId)) throw new DomainError(ErrorCode.BUSY, 'you are already in a call');
      const now = ports.now();
      const metSince = new Date(now - repairHours * 3600_000);
      let joined: { ticketId: string; live: Move | null };
      try {
        // One transaction: until the pairing attempt is over nobody else sees the ticket, so the
        // sweeper or another node can never pair it under this join's feet (it would then ack
        // `waiting` for someone being matched).
        joined = await db.orm.transaction(async (tx) => {
          const me = { id: await repo.insertTicket(tx, { userId, nodeId, socketId }), userId };
          // After the insert, which waits for a pairing that was closing the user's previous ticket:
          // paired just now means busy, never a second ticket beside the call.
          if (await calls.liveSessionOf(userId, tx)) throw new DomainError(ErrorCode.BUSY, 'you are already in a call');
          // Gone already: its disconnect hook found nothing to cancel; write nothing.
          if (!connected()) throw new DomainError(ErrorCode.DISCONNECTED, 'you disconnected while joining');
          const partner = await repo.lockPartner(tx, me, metSince);
          return { ticketId: me.id, live: partner && (await pair(tx, me, partner, now)) };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError(ErrorCode.CONFLICT, 'you are already in the queue');
        throw err;
      }
      if (joined.live) await calls.announce(joined.live);
      if (!connected()) {
        // Gone during the transaction, so its disconnect hook may have found nothing to cancel
        // (a session paired meanwhile was handed to its grace by `calls.announce`).
        await disconnected(userId);
        throw new DomainError(ErrorCode.DISCONNECTED, 'you disconnected while joining');
      }
      if (joined.live) return { status: 'matched', sessionId: joined.live.session.id };
      const state = await repo.ticketState(db.orm, joined.ticketId);
      // Paired by another node or the sweeper since the commit: its call:matched is on its way.
      if (state?.status === 'paired') return { status: 'matched', sessionId: state.sessionId! };
      const status = statusOf(state!.position, await pairingRate());
      // A sweep may have told a fresher status already; never push an older one after it.
      if (!told.has(joined.ticketId)) tell(userId, joined.ticketId, status);
      return { status: 'waiting', ...status };
    },

    async leave(userId: string): Promise<void> {
      if (!(await repo.cancelWaiting(db.orm, userId))) throw new DomainError(ErrorCode.WRONG_STATE, 'you are not in the queue');
      ports.emit(userId, ServerEvent.QUEUE_STATUS, {});
    },

    disconnected,

    /** Pairs whatever is left waiting, oldest first (two joiners that raced each found nobody). */
    async sweep(): Promise<number> {
      const started = ports.now();
      let total = 0;
      for (;;) {
        let paired = 0;
        for (const ticket of await repo.oldestWaiting(db.orm, SWEEP_BATCH)) {
          if (await pairWaiting(ticket).catch((err: unknown) => logger.error({ err, ticketId: ticket.id }, 'queue pairing failed')))
            paired++;
        }
        total += paired;
        if (paired === 0 || ports.now() - started > SWEEP_BUDGET_MS) return total;
      }
    },

    /** Pushes `queue:status` to this node's waiters whose position or estimate changed. */
    async refreshStatuses(): Promise<void> {
      const readAt = ports.now();
      const waiting = await repo.positionsOnNode(db.orm, nodeId);
      const live = new Set(waiting.map((w) => w.id));
      // A ticket told after the read began may be missing from it (its join committed meanwhile):
      // forgetting it would push the same status again at the next sweep.
      for (const [id, { at }] of told) if (!live.has(id) && at < readAt) told.delete(id);
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

/**
 * An estimate at the precision the live page shows it (whole seconds under a minute, else whole
 * minutes). The raw figure drifts with the clock at every sweep; rounded, a waiter is pushed a new
 * status only when what they see would change.
 */
function shownPrecision(ms: number): number {
  return ms < 59_500 ? Math.max(1, Math.round(ms / 1000)) * 1000 : Math.round(ms / 60_000) * 60_000;
}
