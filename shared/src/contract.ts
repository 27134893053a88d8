/**
 * THE wire contract, both ways (ARCHITECTURE §6): every client→server event with its payload and
 * its ack data, and every server→client event with its payload. The server's Socket.IO types, the
 * store's `request()` / `subscribe()` and docs/protocol.md (`npm run protocol`) all derive from
 * these two maps, so no receiver chooses the type of what it receives.
 *
 * Types only: payloads of client events are inferred from the zod schemas the server validates
 * with (schemas.ts), so a browser importing this never pulls zod in.
 */
import type { ConnectionMode } from './events.ts';
import type {
  CallEnded,
  CallInvite,
  CallMatched,
  CallPeerDecided,
  CallPeerState,
  CallPrepare,
  CallSessionRef,
  CallSessionView,
  CallSignal,
  CallStageEnded,
  CallStageStarted,
  ChatHistoryPage,
  ChatMessage,
  ChatReceiptEvent,
  ChatReceipts,
  ChatTypingEvent,
  FlintNotification,
  IceConfig,
  PresencePayload,
  QueueJoinResult,
  QueueStatus,
} from './protocol.ts';
import type { CallPeerQuality } from './quality.ts';
import type { ClientPayloads } from './schemas.ts';

/** One client→server request: what the client sends and what a successful ack carries. */
interface Req<E extends keyof ClientPayloads, A> {
  payload: ClientPayloads[E];
  ack: A;
}

/** Client → server. Every event is a request acked with `Ack<ack>` (errors.ts). */
export interface ClientToServer {
  /** Call the other person of a match (a staged date). Rings every tab of the callee. */
  'call:request': Req<'call:request', { sessionId: string }>;
  /** The callee answers the ring (accept or decline). Other tabs of the callee get `call:answered-elsewhere`. */
  'call:respond': Req<'call:respond', null>;
  /** This side's hardware gate passed for `stage`; the stage starts once both are ready. */
  'call:ready': Req<'call:ready', null>;
  /** This side's gate failed for good: the session ends `device-unavailable` for both. */
  'call:device-failed': Req<'call:device-failed', null>;
  /** The intermission decision for the stage just ended; revealed only when both decided. */
  'call:vote': Req<'call:vote', null>;
  /** Hang up (cancels while calling, declines while ringing). */
  'call:leave': Req<'call:leave', null>;
  /** A WebRTC signal (SDP or ICE candidate), relayed to the other participant only. */
  'call:signal': Req<'call:signal', null>;
  /** This side's microphone / camera state, relayed to the other participant as `call:peer-state`. */
  'call:media': Req<'call:media', null>;
  /** The caller's current session (or the one named), after a reconnect or a reload; null when none. */
  'call:resume': Req<'call:resume', CallSessionView | null>;
  /** Report the other participant: ends the call for both (`reported`) and blocks the pair. */
  'call:report': Req<'call:report', null>;
  /** Block the other participant: ends the call for both (`reported`). */
  'call:block': Req<'call:block', null>;
  /**
   * The callee's app cannot show calls right now (its call remote failed to load): the caller is told
   * (`call:peer-unavailable`) while the invite keeps ringing the callee's other tabs until it times out.
   */
  'call:unavailable': Req<'call:unavailable', null>;
  /**
   * This side's media could not connect in the running stage (no direct path, no working relay): the
   * session ends `media-failed` for both. Refused while the other person is away (their reconnect
   * grace decides) or when no stage is running.
   */
  'call:media-failed': Req<'call:media-failed', null>;
  /**
   * This side's media path to the other dropped (`up: false`; the connection is being restored by an
   * ICE restart) or is back (`up: true`) in the running stage. While it is down the stage clock is
   * paused, as while a participant's socket is away; when it is back both get `call:stage-started`
   * with the shifted end. A repeat changes nothing; refused when no stage is running.
   */
  'call:media-path': Req<'call:media-path', null>;
  /** Fresh ICE servers for the call (TURN credentials are time-limited; the client asks before they expire). */
  'call:ice-servers': Req<'call:ice-servers', IceConfig>;
  /**
   * The page running this side is going away (sent from `pagehide`): the other person is told at once
   * (`call:peer-state {connected: false, left: true}`) and the reconnect grace shrinks to
   * FLINT_LEAVE_GRACE_S; a reload within it resumes the call.
   */
  'call:leaving': Req<'call:leaving', null>;
  /**
   * This side's hardware gate failed with `reason` and its retry is running: the other person is told
   * (`call:peer-state` with `gate`) and when the date ends if it is not fixed. Cleared by `call:ready`.
   */
  'call:gate': Req<'call:gate', null>;
  /**
   * This side's connection quality in the running stage (every 2 s at most, from the tab that owns
   * the call): stored per participant and stage, relayed to the other side as `call:peer-quality`.
   */
  'call:quality': Req<'call:quality', null>;
  /** Join the live queue: paired at once (`call:matched` and `call:prepare` follow) or waiting. */
  'queue:join': Req<'queue:join', QueueJoinResult>;
  /** Leave the live queue (harmless when not in it). */
  'queue:leave': Req<'queue:leave', null>;
  /** Send a chat message; idempotent on `clientId` (a retry acks the stored message, broadcasts nothing). */
  'chat:send': Req<'chat:send', ChatMessage>;
  /** A page of a conversation: latest, older than `before`, or newer than `after` (sync). */
  'chat:history': Req<'chat:history', ChatHistoryPage>;
  /** Typing started or stopped; relayed (throttled) to the other member. */
  'chat:typing': Req<'chat:typing', { relayed: boolean }>;
  /** This user has read up to `upTo`; null when the pointer did not move. */
  'chat:read': Req<'chat:read', ChatReceipts | null>;
  /** This user's device has the messages up to `upTo`; null when the pointer did not move. */
  'chat:delivered': Req<'chat:delivered', ChatReceipts | null>;
  /** Who of these users is online (only matches are answered; others read as offline). */
  'presence:query': Req<'presence:query', Record<string, boolean>>;
}

/** Server → client pushes, with their payloads. */
export interface ServerToClient {
  /** A call for you: rings every tab of the callee. */
  'call:invite': CallInvite;
  /** The caller cancelled before anyone answered. */
  'call:cancelled': CallSessionRef;
  /** Another tab of yours answered the ring. */
  'call:answered-elsewhere': CallSessionRef;
  /** The live queue paired you; `call:prepare` follows. */
  'call:matched': CallMatched;
  /** Get the devices of this stage ready (the gate), with the media engine's settings. */
  'call:prepare': CallPrepare;
  /** Both gates passed (or a paused stage resumed): the stage runs until `endsAt`. */
  'call:stage-started': CallStageStarted;
  /** The stage is over: decide until `decisionEndsAt`. */
  'call:stage-ended': CallStageEnded;
  /** The other person decided (never what). */
  'call:peer-decided': CallPeerDecided;
  /** The session is over, for a reason. */
  'call:ended': CallEnded;
  /** The other person dropped, came back, or changed their microphone / camera. */
  'call:peer-state': CallPeerState;
  /** A WebRTC signal from the other participant. */
  'call:signal': CallSignal;
  /** The person you are calling was rung in an app that cannot show calls right now (sent to the caller). */
  'call:peer-unavailable': CallSessionRef;
  /** The other person's connection quality, as their side last measured it. */
  'call:peer-quality': CallPeerQuality;
  /** Your position in the live queue changed (empty: you are no longer waiting). */
  'queue:status': QueueStatus;
  /** A new message in one of your conversations (from the other member, or from another tab of yours). */
  'chat:message': ChatMessage;
  /** The other member started or stopped typing. */
  'chat:typing': ChatTypingEvent;
  /** A member read up to `upTo`. */
  'chat:read': ChatReceiptEvent;
  /** A member's device received up to `upTo`. */
  'chat:delivered': ChatReceiptEvent;
  /** A match came online or went offline. */
  presence: PresencePayload;
  /** An app notification for the toast layer (match, message, missed call, system). */
  notification: FlintNotification;
  /** The admin changed the connection mode; clients reconnect with the new transports. */
  'connection:mode': { mode: ConnectionMode };
  /** A request was refused by the rate limit (it is also acked with `rate-limited`). */
  'error:rate-limited': { event: string };
}

export type ClientEventName = keyof ClientToServer;
export type ServerEventName = keyof ServerToClient;
/** What a client sends with `event`. */
export type RequestPayload<E extends ClientEventName> = ClientToServer[E]['payload'];
/** What a successful ack of `event` carries. */
export type AckData<E extends ClientEventName> = ClientToServer[E]['ack'];
/** What the server pushes with `event`. */
export type PushPayload<E extends ServerEventName> = ServerToClient[E];

/** Any one server push, as a value: `{ event, payload }` with the payload of that event. */
export type ServerPush = { [E in ServerEventName]: { event: E; payload: ServerToClient[E] } }[ServerEventName];
