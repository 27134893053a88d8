/**
 * What a conversation view shows, as pure functions over plain data: confirmed messages (unique by
 * id, in seq order), the user's pending messages (outbox entries not yet confirmed, in write
 * order), and the other member's receipts, from which each own message gets its status.
 * Every source (history pages, sync, live events, acks, the outbox) merges through here, which is
 * what makes "each message shown once" hold whatever order they arrive in.
 */
import type { ChatMessage, ChatReceipts, ErrorBody } from '@flint/shared';

export const MessageStatus = {
  PENDING: 'pending',
  SENT: 'sent',
  DELIVERED: 'delivered',
  READ: 'read',
  FAILED: 'failed',
} as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];

export interface PendingMessage {
  clientId: string;
  body: string;
  createdAt: string;
  /** Set when the server refused it for good (e.g. too long): it waits to be edited or deleted. */
  error?: ErrorBody;
}

export interface Timeline {
  /** The signed-in user: their messages get a status. */
  me: string;
  messages: readonly ChatMessage[];
  pending: readonly PendingMessage[];
  /** The other member's pointers. */
  receipts: ChatReceipts;
}

export const emptyTimeline = (me: string): Timeline => ({ me, messages: [], pending: [], receipts: { read: 0, delivered: 0 } });

export function addMessages(t: Timeline, incoming: readonly ChatMessage[]): Timeline {
  if (incoming.length === 0) return t;
  const byId = new Map(t.messages.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  const confirmed = new Set(incoming.filter((m) => m.senderId === t.me).map((m) => m.clientId));
  const pending = confirmed.size ? t.pending.filter((p) => !confirmed.has(p.clientId)) : t.pending;
  return { ...t, messages, pending };
}

export function addPending(t: Timeline, entries: readonly PendingMessage[]): Timeline {
  const known = new Set([...t.pending.map((p) => p.clientId), ...t.messages.filter((m) => m.senderId === t.me).map((m) => m.clientId)]);
  const fresh = entries.filter((e) => !known.has(e.clientId));
  return fresh.length ? { ...t, pending: [...t.pending, ...fresh] } : t;
}

/** A pending message as the outbox now has it (edited, retried, refused), or added at the end. */
export function putPending(t: Timeline, entry: PendingMessage): Timeline {
  const { clientId, body, createdAt, error } = entry;
  const next = { clientId, body, createdAt, ...(error ? { error } : {}) };
  if (!t.pending.some((p) => p.clientId === clientId)) return addPending(t, [next]);
  return { ...t, pending: t.pending.map((p) => (p.clientId === clientId ? next : p)) };
}

export function removePending(t: Timeline, clientId: string): Timeline {
  return { ...t, pending: t.pending.filter((p) => p.clientId !== clientId) };
}

/** Pointers only move forward, and a read is also a delivery. */
export function advanceReceipts(t: Timeline, kind: 'read' | 'delivered', upTo: number): Timeline {
  const delivered = Math.max(t.receipts.delivered, upTo);
  const read = kind === 'read' ? Math.max(t.receipts.read, upTo) : t.receipts.read;
  if (read === t.receipts.read && delivered === t.receipts.delivered) return t;
  return { ...t, receipts: { read, delivered } };
}

export function mergeReceipts(t: Timeline, r: ChatReceipts): Timeline {
  return advanceReceipts(advanceReceipts(t, 'delivered', r.delivered), 'read', r.read);
}

export function statusOf(t: Timeline, m: ChatMessage): MessageStatus {
  if (m.seq <= t.receipts.read) return MessageStatus.READ;
  if (m.seq <= t.receipts.delivered) return MessageStatus.DELIVERED;
  return MessageStatus.SENT;
}

/** The highest seq on screen (0 when nothing is loaded). */
export const lastSeq = (t: Timeline) => t.messages.at(-1)?.seq ?? 0;

/** Seqs start at 1 without gaps, so anything above 1 on top means older messages exist. */
export const hasOlder = (t: Timeline) => (t.messages[0]?.seq ?? 1) > 1;

/** The newest seq written by the other member: what "read" and "delivered" acknowledge. */
export function lastIncomingSeq(t: Timeline): number {
  for (let i = t.messages.length - 1; i >= 0; i--) if (t.messages[i]!.senderId !== t.me) return t.messages[i]!.seq;
  return 0;
}
