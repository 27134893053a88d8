import { randomUUID } from 'node:crypto';
import { type FlintNotification, type PushPayload, ServerEvent, type ServerEventName } from '@flint/shared';
import { type FlintIo, userRoom } from './types.ts';

/**
 * Server→client pushes addressed to users (every tab, on every node), not to sockets: the one place
 * that emits to user rooms, and that asks whether a user has any socket left.
 */
export interface Notifier {
  /** Push `event` to every tab of these users, except the socket `exceptSocketId` (a tab that already knows). */
  toUsers<E extends ServerEventName>(userIds: string[], event: E, payload: PushPayload<E>, exceptSocketId?: string): void;
  notify(userId: string, notification: Omit<FlintNotification, 'id' | 'createdAt'>): void;
  /** Whether `userId` has a socket on any node: a push to them would reach someone. */
  hasSockets(userId: string): Promise<boolean>;
  /** Whether `userId` has a socket of browser tab `tab` (SocketData.tab) on any node. */
  tabConnected(userId: string, tab: string): Promise<boolean>;
}

export function createNotifier(io: FlintIo): Notifier {
  return {
    toUsers(userIds, event, payload, exceptSocketId) {
      if (userIds.length === 0) return;
      // One emit to several rooms reaches each socket once, even if it is in more than one of them.
      const rooms = io.to(userIds.map(userRoom));
      const target = exceptSocketId ? rooms.except(exceptSocketId) : rooms;
      // The event and its payload are tied by the contract (see the signature); socket.io's own
      // typing cannot follow a generic event name, so it is called through its plain shape here.
      (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
    notify(userId, notification) {
      const full: FlintNotification = { id: randomUUID(), createdAt: new Date().toISOString(), ...notification };
      io.to(userRoom(userId)).emit(ServerEvent.NOTIFICATION, full);
    },
    // Through the adapter: every node answers for its own sockets.
    hasSockets: async (userId) => (await io.in(userRoom(userId)).fetchSockets()).length > 0,
    tabConnected: async (userId, tab) => (await io.in(userRoom(userId)).fetchSockets()).some((s) => s.data.tab === tab),
  };
}
