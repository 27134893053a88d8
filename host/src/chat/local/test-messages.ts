/** Messages of a conversation for the local store's tests (seq n, created n seconds into 2026). */
import type { ChatMessage } from '@flint/shared';

export const message = (conversationId: string, seq: number, body = `m${seq}`): ChatMessage => ({
  id: `${conversationId}-${seq}`,
  conversationId,
  senderId: 'ben',
  clientId: `client-${conversationId}-${seq}`,
  body,
  seq,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
});

/** Seqs `from`..`to` of one conversation. */
export const range = (conversationId: string, from: number, to: number, body?: (seq: number) => string) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(conversationId, from + i, body?.(from + i)));
