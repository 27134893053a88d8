import { randomUUID } from 'node:crypto';
import { type FlintNotification, ServerEvent } from '@flint/shared';
import { type FlintIo, userRoom } from './types.ts';

/** Server→client pushes addressed to users (every tab, on every node), not to sockets. */
export interface Notifier {
  toUsers(userIds: string[], event: string, payload: unknown): void;
  notify(userId: string, notification: Omit<FlintNotification, 'id' | 'createdAt'>): void;
}

export function createNotifier(io: FlintIo): Notifier {
  return {
    toUsers(userIds, event, payload) {
      // One emit to several rooms reaches each socket once, even if it is in more than one of them.
      if (userIds.length > 0) io.to(userIds.map(userRoom)).emit(event, payload);
    },
    notify(userId, notification) {
      const full: FlintNotification = { id: randomUUID(), createdAt: new Date().toISOString(), ...notification };
      io.to(userRoom(userId)).emit(ServerEvent.NOTIFICATION, full);
    },
  };
}
