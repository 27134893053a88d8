/**
 * The call session as the transition function sees it: plain data, times in epoch milliseconds.
 * The repository maps it to and from rows; nothing here touches a socket, the database or a clock.
 */
import type {
  DeviceFailure,
  EndReason,
  ErrorCode,
  FlintNotification,
  PublicUser,
  ServerPush,
  SessionKind,
  SessionState,
  StagePlan,
} from '@flint/shared';

export type Role = 'caller' | 'callee';

export interface Participant {
  userId: string;
  role: Role;
  /** The vote cast in the latest intermission (kept until the next one, so a repeated vote is idempotent). */
  vote: { stage: number; proceed: boolean } | null;
  /** The highest stage this participant's gate passed for (`call:ready`). */
  readyStage: number;
  connected: boolean;
  disconnectedAt: number | null;
  /** Gone because their page said it was closing (`call:leaving`): the shorter leave grace applies. */
  leaving: boolean;
  /** The stage whose gate this side said failed (`call:gate`), until it passes: the peer is then told. */
  gateFailedStage: number | null;
}

/** Durations frozen into the session when it is created, so a config change never alters a running call. */
export interface SessionTiming {
  ringMs: number;
  decisionMs: number;
  graceMs: number;
  /** The grace after a participant closed their page (`call:leaving`); at most `graceMs`. */
  leaveGraceMs: number;
  /** How long both gates may take before the session ends as device-unavailable. */
  prepareMs: number;
}

export interface Session {
  id: string;
  kind: SessionKind;
  matchId: string | null;
  conversationId: string | null;
  plan: StagePlan;
  timing: SessionTiming;
  /** `idle` exists only before the creating event (`request`, `start-live`), so creation goes through the transition too. */
  state: SessionState | 'idle';
  /** 1-based current stage. */
  stage: number;
  ringEndsAt: number | null;
  prepareEndsAt: number | null;
  /** The running stage's end; null while the clock is paused (see `remainingMs`). */
  endsAt: number | null;
  /** Stage time left while paused by a disconnect. */
  remainingMs: number | null;
  decisionEndsAt: number | null;
  endReason: EndReason | null;
  /** When the callee answered (staged) or the pairing started (live); null while never answered. */
  answeredAt: number | null;
  /** [caller, callee]. */
  participants: [Participant, Participant];
}

export const DeadlineKind = {
  RING: 'ring',
  PREPARE: 'prepare',
  STAGE: 'stage',
  DECISION: 'decision',
  GRACE: 'grace',
} as const;
export type DeadlineKind = (typeof DeadlineKind)[keyof typeof DeadlineKind];

export type SessionEvent =
  /** Creates a staged date from `idle`: rings the callee. */
  | { type: 'request'; from: PublicUser }
  /** Creates a live-queue pairing from `idle`: nobody to ring, both asked for it by joining the queue. */
  | { type: 'start-live' }
  | { type: 'accept'; userId: string; socketId: string }
  | { type: 'decline'; userId: string }
  | { type: 'ready'; userId: string; stage: number }
  | { type: 'device-failed'; userId: string; stage: number; reason: DeviceFailure }
  | { type: 'vote'; userId: string; stage: number; proceed: boolean }
  /** A participant's media could not connect in the running stage (no path between the two). */
  | { type: 'media-failed'; userId: string; stage: number }
  | { type: 'media-path'; userId: string; stage: number; up: boolean }
  | { type: 'leave'; userId: string }
  /** The participant's gate failed and retries (`call:gate`): the peer is told, with when the date ends. */
  | { type: 'gate-failed'; userId: string; stage: number; reason: DeviceFailure; endsInMs: number }
  /** The participant's page is going away (`call:leaving`): gone at once, with the leave grace. */
  | { type: 'leaving'; userId: string }
  | { type: 'disconnect'; userId: string }
  | { type: 'resume'; userId: string }
  /** A report or a block by a participant (safety): the same ending for both, whoever acted. */
  | { type: 'report'; userId: string }
  /** A persisted deadline fell due (`dueAt` as stored; the sweeper may run late). */
  | { type: 'deadline'; kind: DeadlineKind; dueAt: number }
  /**
   * Not from a user: the executor's answer to a `create-match` effect, in the same transaction, with
   * the match (new, or the one the pair already had) and its conversation.
   */
  | { type: 'match-created'; matchId: string; conversationId: string };

export type Effect =
  /** Push `event` to every tab of `to` (except one socket, for answered-elsewhere); typed by the contract. */
  | ({ type: 'emit'; to: string; exceptSocketId?: string } & ServerPush)
  /** Push `call:prepare` for the current stage to `to`; the executor adds ICE servers / Agora token. */
  | { type: 'prepare'; to: string }
  /** Push `call:matched` to `to` (a live pairing); the executor adds the other participant's public profile. */
  | { type: 'matched'; to: string }
  /** The consent record: `userId` agreed (or not) to `stage` at `at`. */
  | { type: 'consent'; userId: string; stage: number; proceed: boolean; at: number }
  /** The deadline of `kind` moved to `at` (null: gone); the executor arms a local fast-path timer. */
  | { type: 'deadline'; kind: DeadlineKind; at: number | null }
  /**
   * Both said yes to "Match?" after a live session's last stage: before committing, the executor
   * matches the two participants and feeds the ids back as a `match-created` event, which ends the
   * session. The ids come from the database, so the pure transition cannot make them itself.
   */
  | { type: 'create-match' }
  /** Push an app notification (the toast layer) to every tab of `to`. */
  | { type: 'notify'; to: string; notification: Omit<FlintNotification, 'id' | 'createdAt'> };

export type TransitionError = { code: ErrorCode; message: string };

export type TransitionResult = { ok: true; session: Session; effects: Effect[] } | { ok: false; error: TransitionError };

/**
 * A transition saved inside a transaction: the session as saved, and the effects (pushes, timers)
 * that run only once that transaction committed, so nobody is told what the database does not hold.
 */
export interface Move {
  session: Session;
  effects: Effect[];
  now: number;
}
