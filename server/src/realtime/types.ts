import type { PublicUser } from '@flint/shared';
import type { Server, Socket } from 'socket.io';

/** What the handshake stores on every authenticated socket (visible to `fetchSockets()` on any node). */
export interface SocketData {
  user: PublicUser;
  /** Current engine.io transport name, kept up to date on upgrade for the admin statistics. */
  transport: string;
}

// Events are typed by the shared contract and validated at run time by the event router, so the
// socket.io generics stay open here.
type AnyEvents = Record<string, (...args: any[]) => void>;
export type FlintIo = Server<AnyEvents, AnyEvents, AnyEvents, SocketData>;
export type FlintSocket = Socket<AnyEvents, AnyEvents, AnyEvents, SocketData>;

export const userRoom = (userId: string) => `user:${userId}`;
