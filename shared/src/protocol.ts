/** Domain and server→client payload types shared by server and browser (types only). */
import type { ConnectionMode } from './events.ts';
import type { DeviceFailure, EndReason, SessionKind, StageMedia } from './session.ts';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  age: number | null;
  role: 'user' | 'admin';
  /** Avatar URL from the host's identity provider (its `picture` claim); absent when there is none. */
  picture?: string;
}

export interface LoginResult {
  token: string;
  user: PublicUser;
}

export interface Match {
  id: string;
  conversationId: string;
  other: PublicUser;
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  matchId: string;
  other: PublicUser;
  lastMessage: ChatMessage | null;
  unread: number;
}

export interface ChatMessage {
  id: string;
  conversationId: string;
  senderId: string;
  clientId: string;
  body: string;
  /** Per-conversation order, assigned by the server; also the sync cursor. */
  seq: number;
  createdAt: string;
  /**
   * A system line (not written by either person; `senderId` is the caller and `body` is empty): the
   * client renders it from these data in its own language.
   */
  system?: ChatSystemLine;
}

/** What a system line in a conversation says: a date that was missed, or one that took place. */
export type ChatSystemLine =
  | { type: 'call-missed'; sessionId: string; callerId: string }
  | {
      type: 'call-ended';
      sessionId: string;
      /** Stages that started (0: none did). */
      stagesReached: number;
      stages: number;
      /** From the answer to the end, in whole seconds. */
      durationS: number;
      reason: EndReason;
    };

/** One date in the signed-in user's call history (`GET /api/calls/history`), newest first. */
export interface CallHistoryEntry {
  sessionId: string;
  kind: SessionKind;
  peer: PublicUser;
  /** Whether this user placed the call. */
  outgoing: boolean;
  conversationId: string | null;
  requestedAt: string;
  answeredAt: string | null;
  endedAt: string;
  stagesReached: number;
  reason: EndReason;
  /** Never answered (ring timeout, cancelled, or the caller left while ringing). */
  missed: boolean;
}

/** One member's receipt pointers: every message with `seq <= read` was read, `<= delivered` delivered. */
export interface ChatReceipts {
  read: number;
  delivered: number;
}

/** Ack of `chat:history`: a page in ascending `seq`, and the OTHER member's receipts at that moment. */
export interface ChatHistoryPage {
  messages: ChatMessage[];
  /** More messages lie beyond this page in the direction asked (older for `before`/latest, newer for `after`). */
  hasMore: boolean;
  receipts: ChatReceipts;
}

/** Server → client `chat:read` / `chat:delivered`: `userId` has read (or received) up to `upTo`. */
export interface ChatReceiptEvent {
  conversationId: string;
  userId: string;
  upTo: number;
}

/** Server → client `chat:typing`, sent to the other member only. */
export interface ChatTypingEvent {
  conversationId: string;
  userId: string;
  typing: boolean;
}

export type NotificationKind = 'match' | 'message' | 'call-missed' | 'system';

export interface FlintNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where a click leads (a host route), if anywhere. */
  href?: string;
  data?: Record<string, unknown>;
  createdAt: string;
}

export interface PresencePayload {
  userId: string;
  online: boolean;
}

export interface ConnectionStats {
  usersOnline: number;
  sockets: number;
  transports: Record<string, number>;
  mode: ConnectionMode;
}

/**
 * Where a remote is deployed. Each build is immutable under `${base}versions/<version>/` (its
 * `mf-manifest.json` and every file it loads); `${base}current.json` (`{ "version" }`) points at the
 * one in service. A rollback is a config change: point `current.json` back, or pin `version`.
 */
export interface RemoteLocation {
  /** The deploy's base URL, ending in `/`. */
  base: string;
  /** The version to load; null follows the deploy's `current.json`. */
  version: string | null;
}

export interface RemoteConfig {
  /** Where each remote is deployed (from the server's configuration only), resolved by the host at run time. */
  remotes: { call: RemoteLocation; realtime: RemoteLocation };
  devLogin: boolean;
  /** The admin's transport setting, applied by every client's socket store. */
  connectionMode: ConnectionMode;
}

export interface SwipeResult {
  matched: boolean;
  match?: Match;
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** What a WebRTC client needs to build its RTCPeerConnection configuration. */
export interface IceConfig {
  iceServers: IceServer[];
  /** `relay`: only TURN candidates are used, so neither side learns the other's addresses. */
  iceTransportPolicy: 'all' | 'relay';
  /** When the TURN credentials in `iceServers` expire (null: nothing expires); ask `call:ice-servers` before. */
  iceExpiresAt: string | null;
}

export interface CallInvite {
  sessionId: string;
  kind: SessionKind;
  from: PublicUser;
  matchId: string | null;
  ringEndsAt: string;
  /** The match's conversation, so a callee who declines can be routed to it. */
  conversationId?: string | null;
  /** What stage 1 needs: a callee who accepts asks for it at once, while the server prepares the stage. */
  media?: StageMedia;
}

export interface CallPrepare {
  sessionId: string;
  stage: number;
  stages: number;
  media: StageMedia;
  engine: 'webrtc' | 'agora';
  /**
   * WebRTC: true for the ONE side that makes offers (the caller; deterministic per session), so both
   * sides never offer at once. The other side only answers. The offerer is always the impolite peer.
   */
  offerer: boolean;
  /** Perfect negotiation role, the safety net if offers ever collide: true = the polite peer (the callee, the answerer). */
  polite: boolean;
  iceServers: IceServer[];
  /** WebRTC only (absent for Agora): see IceConfig. */
  iceTransportPolicy?: IceConfig['iceTransportPolicy'];
  iceExpiresAt?: string | null;
  agora?: { appId: string; channel: string; token: string; uid: number };
  /** The match's conversation (staged), so a local hang-up can route to it before call:ended. */
  conversationId?: string | null;
  /** Who is on the other side (the caller learns the callee's name here). */
  peer?: PublicUser;
}

export interface CallEnded {
  sessionId: string;
  kind: SessionKind;
  reason: EndReason;
  conversationId: string | null;
  /** Only sent to the participant whose device failed. */
  deviceFailure?: DeviceFailure;
  /** For a live session ending in a mutual match. */
  matchId?: string | null;
}

export interface CallSessionView {
  sessionId: string;
  kind: SessionKind;
  state: string;
  stage: number;
  stages: number;
  media: StageMedia;
  peer: PublicUser;
  conversationId: string | null;
  endsAt: string | null;
  decisionEndsAt: string | null;
  peerConnected: boolean;
  myVote: boolean | null;
  /** Which side of the call this user is (a reloaded callee still ringing must see RINGING). */
  role?: 'caller' | 'callee';
  /** The current stage's prepare while preparing or active: a reloaded client needs it to rejoin media. */
  prepare?: CallPrepare | null;
  /** While ringing: when the invite expires (a reloaded callee or caller shows the countdown). */
  ringEndsAt?: string | null;
  /**
   * True when another tab or device of this person runs the call (it started, accepted or joined it
   * and is still connected): this tab may show it but must not take the devices or join the media.
   */
  elsewhere?: boolean;
  /** The other person's microphone and camera as they last set them (`call:media`), kept with the session. */
  peerMedia?: { audio: boolean; video: boolean };
}

/** call:matched: a live-queue pairing; call:prepare follows. */
export interface CallMatched {
  sessionId: string;
  kind: SessionKind;
  peer: PublicUser;
}

export interface CallStageStarted {
  sessionId: string;
  stage: number;
  endsAt: string;
}

export interface CallStageEnded {
  sessionId: string;
  stage: number;
  decisionEndsAt: string;
  /**
   * What the next stage will need if both say yes (null after the last stage): a client that said
   * yes after the other person decided asks for it at once, while the server prepares the stage.
   */
  nextMedia?: StageMedia | null;
}

export interface CallPeerDecided {
  sessionId: string;
  stage: number;
}

export interface CallPeerState {
  sessionId: string;
  connected: boolean;
  /** Relayed from the peer's call:media (mute / camera off); absent on connection changes. */
  audio?: boolean;
  video?: boolean;
  /** With `connected: false`: the peer closed their page (`call:leaving`), not a dropped link. */
  left?: boolean;
  /**
   * The peer's hardware gate: failed with `reason` and retrying until `endsAt` (then the date ends),
   * or null once it passed (`call:ready`). Absent when the gate is not what changed.
   */
  gate?: { stage: number; reason: DeviceFailure; endsAt: string } | null;
}

/** Server → client `call:signal`: a WebRTC signal from the other participant. */
export interface CallSignal {
  sessionId: string;
  data: Record<string, unknown>;
}

/** call:cancelled and call:answered-elsewhere. */
export interface CallSessionRef {
  sessionId: string;
}

export interface QueueStatus {
  position?: number;
  estimateMs?: number;
}

/** Ack of `queue:join`: paired at once (`call:matched` and `call:prepare` follow) or waiting. */
export type QueueJoinResult = { status: 'matched'; sessionId: string } | ({ status: 'waiting' } & QueueStatus);
