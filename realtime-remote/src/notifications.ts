/** `$notifications`: what the server pushed as `notification` events, newest first. */

import { type FlintNotification, ServerEvent } from '@flint/shared';
import { atom, onMount } from 'nanostores';
import type { HandlerRegistry } from './handlers.ts';
import type { Holders } from './holders.ts';

/** Older notifications fall off the end; the toast layer never shows more than a few anyway. */
export const MAX_NOTIFICATIONS = 50;

export function createNotifications(handlers: HandlerRegistry, holders: Holders) {
  const $notifications = atom<FlintNotification[]>([]);
  // The list lives here: $notifications.get() would mount the store, and so open the socket.
  let list: FlintNotification[] = [];
  const set = (next: FlintNotification[]) => {
    list = next;
    $notifications.set(list);
  };
  // Someone showing notifications needs the socket that delivers them.
  onMount($notifications, () => holders.acquire());

  handlers.add(ServerEvent.NOTIFICATION, (payload) => {
    if (!isNotification(payload)) return;
    const rest = list.filter((n) => n.id !== payload.id);
    set([payload, ...rest].slice(0, MAX_NOTIFICATIONS));
  });

  function dismissNotification(id: string): void {
    const next = list.filter((n) => n.id !== id);
    if (next.length !== list.length) set(next);
  }

  return { $notifications, dismissNotification };
}

function isNotification(value: unknown): value is FlintNotification {
  const n = value as Partial<FlintNotification> | null;
  return typeof n?.id === 'string' && typeof n.kind === 'string' && typeof n.title === 'string';
}
