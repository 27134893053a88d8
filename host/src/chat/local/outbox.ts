/**
 * The chat outbox: messages written but not yet acknowledged by the server, kept in the chat
 * database so they survive a closed tab, and sent in the order they were written. An entry keeps
 * its clientId for every attempt, which makes the server's `chat:send` idempotent across retries
 * and tabs. An entry the server refused for good stays, marked with the reason, until the user
 * edits it (back in line) or deletes it: nothing the user wrote disappears on its own.
 *
 * idb (a 1 KB typed wrapper) rather than idb-keyval: the outbox needs an auto-increment key for
 * write order and an index per user, which a key-value API cannot express.
 */
import type { ErrorBody } from '@flint/shared';
import { type ChatDb, chatDb, isForgotten, type OutboxEntry, write } from './chat-db.ts';
import { SignedOutError, withRoom } from './local-chat.ts';

export type { OutboxEntry };

export interface Outbox {
  add(entry: Omit<OutboxEntry, 'order' | 'error'>): Promise<OutboxEntry>;
  /** A user's entries in write order (refused ones included), optionally for one conversation. */
  list(userId: string, conversationId?: string): Promise<OutboxEntry[]>;
  remove(clientId: string): Promise<void>;
  /** The server refused the entry for good: it stays, with the reason, and is not sent again. */
  fail(clientId: string, error: ErrorBody): Promise<OutboxEntry | undefined>;
  /** A refused entry, edited: back in line (same place in write order) with its new body. */
  retry(clientId: string, body: string): Promise<OutboxEntry | undefined>;
}

export function openOutbox(name?: string): Outbox {
  const db = chatDb(name);
  const change = async (clientId: string, edit: (e: OutboxEntry) => OutboxEntry) => {
    const d = await db;
    return write(d, ['outbox'], async (tx) => {
      const key = await tx.store.index('by-client').getKey(clientId);
      const entry = key === undefined ? undefined : await tx.store.get(key);
      if (!entry) return undefined;
      const next = edit(entry);
      await tx.store.put(next);
      return next;
    });
  };
  return {
    async add(entry) {
      const d: ChatDb = await db;
      if (isForgotten(entry.userId)) throw new SignedOutError(`${entry.userId} signed out on this device`);
      const order = await withRoom(d, () => d.add('outbox', entry as OutboxEntry));
      return { ...entry, order };
    },
    async list(userId, conversationId) {
      // Index results come in key order within equal index values, i.e. write order.
      const all = await (await db).getAllFromIndex('outbox', 'by-user', userId);
      return conversationId ? all.filter((e) => e.conversationId === conversationId) : all;
    },
    async remove(clientId) {
      await write(await db, ['outbox'], async (tx) => {
        const key = await tx.store.index('by-client').getKey(clientId);
        if (key !== undefined) await tx.store.delete(key);
      });
    },
    fail: (clientId, error) => change(clientId, (e) => ({ ...e, error })),
    retry: (clientId, body) => change(clientId, ({ error: _, ...e }) => ({ ...e, body, createdAt: new Date().toISOString() })),
  };
}
