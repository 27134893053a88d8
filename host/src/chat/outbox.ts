/**
 * The chat outbox: messages written but not yet acknowledged by the server, kept in IndexedDB so
 * they survive a closed tab, and sent in the order they were written. An entry keeps its clientId
 * for every attempt, which makes the server's `chat:send` idempotent across retries and tabs.
 *
 * idb (a 1 KB typed wrapper) rather than idb-keyval: the outbox needs an auto-increment key for
 * write order and an index per user, which a key-value API cannot express.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export interface OutboxEntry {
  /** Write order, assigned by IndexedDB. */
  order: number;
  clientId: string;
  /** The author: one browser profile may hold several signed-in users (one per tab). */
  userId: string;
  conversationId: string;
  body: string;
  createdAt: string;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { 'by-user': string; 'by-client': string } };
}

export const OUTBOX_DB = 'flint-chat';

export interface Outbox {
  add(entry: Omit<OutboxEntry, 'order'>): Promise<OutboxEntry>;
  /** A user's entries in write order, optionally for one conversation. */
  list(userId: string, conversationId?: string): Promise<OutboxEntry[]>;
  remove(clientId: string): Promise<void>;
  close(): void;
}

export async function openOutbox(name = OUTBOX_DB): Promise<Outbox> {
  const db: IDBPDatabase<OutboxSchema> = await openDB<OutboxSchema>(name, 1, {
    upgrade(database) {
      const store = database.createObjectStore('outbox', { keyPath: 'order', autoIncrement: true });
      store.createIndex('by-user', 'userId');
      store.createIndex('by-client', 'clientId', { unique: true });
    },
  });
  return {
    async add(entry) {
      const order = await db.add('outbox', entry as OutboxEntry);
      return { ...entry, order };
    },
    async list(userId, conversationId) {
      // Index results come in key order within equal index values, i.e. write order.
      const all = await db.getAllFromIndex('outbox', 'by-user', userId);
      return conversationId ? all.filter((e) => e.conversationId === conversationId) : all;
    },
    async remove(clientId) {
      const tx = db.transaction('outbox', 'readwrite');
      const key = await tx.store.index('by-client').getKey(clientId);
      if (key !== undefined) await tx.store.delete(key);
      await tx.done;
    },
    close: () => db.close(),
  };
}
