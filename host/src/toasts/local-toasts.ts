/**
 * Toasts the shell raises itself (not pushed by the server), shown by the toast layer beside the
 * store's `$notifications`. The store owns what the server said; this owns what the shell says.
 */
import type { FlintNotification } from '@flint/shared';
import { atom } from 'nanostores';

export const $localToasts = atom<FlintNotification[]>([]);

export function showLocalToast(toast: Omit<FlintNotification, 'id' | 'createdAt'>): string {
  const id = `local-${crypto.randomUUID()}`;
  $localToasts.set([{ ...toast, id, createdAt: new Date().toISOString() }, ...$localToasts.get()]);
  return id;
}

/** Whether `id` was one of ours (and is now gone). */
export function dismissLocalToast(id: string): boolean {
  const list = $localToasts.get();
  const next = list.filter((n) => n.id !== id);
  if (next.length === list.length) return false;
  $localToasts.set(next);
  return true;
}
