import type { Ack, AckData, ClientEventName, PublicUser, PushPayload, RequestPayload, ServerEventName } from '@flint/shared';
import type { Server, Socket } from 'socket.io';

/** What the handshake stores on every authenticated socket (visible to `fetchSockets()` on any node). */
export interface SocketData {
  user: PublicUser;
  /** Current engine.io transport name, kept up to date on upgrade for the admin statistics. */
  transport: string;
  /**
   * The browser tab this socket belongs to (handshake `auth.tab`; the socket's own id when a client
   * sends none): a tab keeps its id across reconnects and reloads, so it stays the owner of its call.
   */
  tab: string;
}

/**
 * Socket.IO typed by the shared contract: what a client may send (each with its ack) and what the
 * server may push. Payloads are still validated at run time by the event router: the types say what
 * the server sends, never what a client can be trusted to have sent.
 */
export type ListenEvents = {
  [E in ClientEventName]: (payload: RequestPayload<E>, ack: (result: Ack<AckData<E>>) => void) => void;
};
export type EmitEvents = { [E in ServerEventName]: (payload: PushPayload<E>) => void };
/** Nothing travels between nodes but what the Redis adapter carries itself. */
type InterServerEvents = Record<string, never>;
export type FlintIo = Server<ListenEvents, EmitEvents, InterServerEvents, SocketData>;
export type FlintSocket = Socket<ListenEvents, EmitEvents, InterServerEvents, SocketData>;

export const userRoom = (userId: string) => `user:${userId}`;
