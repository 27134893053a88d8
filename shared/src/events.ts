import type { ClientEventName, ServerEventName } from './contract.ts';

/**
 * Socket.IO event names (binding, ARCHITECTURE section 6). `domain:verb`; extend, never rename.
 * Every client→server event is a request with an ack (see `Ack` in errors.ts).
 */
export const ClientEvent = {
  CALL_REQUEST: 'call:request',
  CALL_RESPOND: 'call:respond',
  CALL_READY: 'call:ready',
  CALL_DEVICE_FAILED: 'call:device-failed',
  CALL_VOTE: 'call:vote',
  CALL_LEAVE: 'call:leave',
  CALL_SIGNAL: 'call:signal',
  CALL_MEDIA: 'call:media',
  CALL_RESUME: 'call:resume',
  /** Report the other participant (ends the call for both, blocks the pair). */
  CALL_REPORT: 'call:report',
  /** Block the other participant (ends the call for both). */
  CALL_BLOCK: 'call:block',
  /** The callee's app cannot show calls now (its call remote did not load); the caller is told. */
  CALL_UNAVAILABLE: 'call:unavailable',
  /** This side's media never connected in a running stage: the session ends `media-failed` for both. */
  CALL_MEDIA_FAILED: 'call:media-failed',
  /** This side's media path dropped (`up: false`) or came back in a running stage: the stage clock pauses meanwhile. */
  CALL_MEDIA_PATH: 'call:media-path',
  /** Fresh ICE servers (TURN credentials) for a call that outlives its credentials. */
  CALL_ICE_SERVERS: 'call:ice-servers',
  /** The page running this side is going away (closed, navigated off): the peer is told at once, the grace shrinks. */
  CALL_LEAVING: 'call:leaving',
  /** This side's gate failed and is being retried (or passed again): the peer is told, with the time left. */
  CALL_GATE: 'call:gate',

  /** This side's connection quality in the running stage (stored, relayed as `call:peer-quality`). */
  CALL_QUALITY: 'call:quality',
  QUEUE_JOIN: 'queue:join',
  QUEUE_LEAVE: 'queue:leave',
  CHAT_SEND: 'chat:send',
  CHAT_HISTORY: 'chat:history',
  CHAT_TYPING: 'chat:typing',
  CHAT_READ: 'chat:read',
  /** The recipient's device has the messages up to `upTo` (drives the sender's "delivered"). */
  CHAT_DELIVERED: 'chat:delivered',
  PRESENCE_QUERY: 'presence:query',
} as const satisfies Record<string, ClientEventName>;

export const ServerEvent = {
  CALL_INVITE: 'call:invite',
  CALL_CANCELLED: 'call:cancelled',
  CALL_ANSWERED_ELSEWHERE: 'call:answered-elsewhere',
  CALL_MATCHED: 'call:matched',
  CALL_PREPARE: 'call:prepare',
  CALL_STAGE_STARTED: 'call:stage-started',
  CALL_STAGE_ENDED: 'call:stage-ended',
  CALL_PEER_DECIDED: 'call:peer-decided',
  CALL_ENDED: 'call:ended',
  CALL_PEER_STATE: 'call:peer-state',
  CALL_SIGNAL: 'call:signal',
  CALL_PEER_UNAVAILABLE: 'call:peer-unavailable',
  /** The other person's connection quality level. */
  CALL_PEER_QUALITY: 'call:peer-quality',
  QUEUE_STATUS: 'queue:status',
  CHAT_MESSAGE: 'chat:message',
  CHAT_TYPING: 'chat:typing',
  CHAT_READ: 'chat:read',
  CHAT_DELIVERED: 'chat:delivered',
  PRESENCE: 'presence',
  NOTIFICATION: 'notification',
  /** The admin changed the connection mode; clients re-connect with the new transports. */
  CONNECTION_MODE: 'connection:mode',
  /** Sent when a client exceeds its rate limit (the offending request is also acked with an error). */
  RATE_LIMITED: 'error:rate-limited',
} as const satisfies Record<string, ServerEventName>;

export const ConnectionMode = { AUTO: 'auto', WEBSOCKET: 'websocket', POLLING: 'polling' } as const;
export type ConnectionMode = (typeof ConnectionMode)[keyof typeof ConnectionMode];

/** Socket.IO transports to use for a connection mode. */
export function transportsFor(mode: ConnectionMode): Array<'polling' | 'websocket'> {
  if (mode === 'websocket') return ['websocket'];
  if (mode === 'polling') return ['polling'];
  return ['polling', 'websocket'];
}
