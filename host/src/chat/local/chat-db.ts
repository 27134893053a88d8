/**
 * The browser's chat database: the ONE module that knows its schema and its versions. It holds,
 * per signed-in user, the conversations (summary, sync cursor, the other member's receipts), each
 * conversation's recent messages, and the outbox. Every record's key starts with the user's id, so
 * one user's data can be read and deleted as a whole and is never in another user's queries.
 *
 * Versions (never edit a released step; add one):
 * 1. `outbox` (write order, per user, unique clientId).
 * 2. `conversations` [userId, id] and `messages` [userId, conversationId, seq].
 */
import type { ChatMessage, ChatReceipts, ConversationSummary, ErrorBody } from '@flint/shared';
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';

export const CHAT_DB = 'flint-chat';
const VERSION = 2;

export interface OutboxEntry {
  /** Write order, assigned by IndexedDB. */
  order: number;
  clientId: string;
  /** The author: one browser profile may hold several signed-in users (one per tab). */
  userId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  /** Set when the server refused it for good: it stays (nothing written is lost) until edited or deleted. */
  error?: ErrorBody;
}

export interface ConversationRecord {
  userId: string;
  id: string;
  /** The server's summary, as of the last list sync; absent until the list came once. */
  summary?: ConversationSummary;
  /** Position in the server's list (most recent activity first). */
  rank?: number;
  /** Sync cursor: every seq from the oldest stored message up to here is stored. Absent: nothing stored yet. */
  cursor?: number;
  /** The other member's read/delivered pointers. */
  receipts: ChatReceipts;
}

export type StoredMessage = ChatMessage & { userId: string };

export interface ChatSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { 'by-user': string; 'by-client': string } };
  conversations: { key: [string, string]; value: ConversationRecord };
  messages: { key: [string, string, number]; value: StoredMessage };
}

export type ChatDb = IDBPDatabase<ChatSchema>;
type Store = StoreNames<ChatSchema>;
export type ChatTx<S extends Store[]> = IDBPTransaction<ChatSchema, S, 'readwrite'>;

const open = new Map<string, Promise<ChatDb>>();

/**
 * The tab's one connection to `name` (tests pass their own names). A connection that blocks a
 * deletion or a newer version in another tab closes, and the next call opens a new one.
 */
export function chatDb(name = CHAT_DB): Promise<ChatDb> {
  let db = open.get(name);
  if (!db) {
    const forget = () => open.delete(name);
    db = openDB<ChatSchema>(name, VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const outbox = database.createObjectStore('outbox', { keyPath: 'order', autoIncrement: true });
          outbox.createIndex('by-user', 'userId');
          outbox.createIndex('by-client', 'clientId', { unique: true });
        }
        if (oldVersion < 2) {
          database.createObjectStore('conversations', { keyPath: ['userId', 'id'] });
          database.createObjectStore('messages', { keyPath: ['userId', 'conversationId', 'seq'] });
        }
      },
      blocking() {
        forget();
        void db?.then((d) => d.close());
      },
      terminated: forget,
    });
    db.catch(forget);
    open.set(name, db);
  }
  return db;
}

/** Every key of one user in a store keyed `[userId, …]` (arrays sort after every other key type). */
export const userRange = (userId: string) => IDBKeyRange.bound([userId], [userId, []]);

/** Every message key of one conversation, oldest first. */
export const conversationRange = (userId: string, conversationId: string) =>
  IDBKeyRange.bound([userId, conversationId, 0], [userId, conversationId, Number.POSITIVE_INFINITY]);

/** Runs `work` in one read-write transaction and resolves once it committed (rejecting if it aborted). */
export async function write<const S extends Store[], T>(db: ChatDb, stores: S, work: (tx: ChatTx<S>) => Promise<T>): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  const [result] = await Promise.all([
    work(tx).catch((error: unknown) => {
      // A failed step must not leave the rest committed.
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      throw error;
    }),
    tx.done,
  ]);
  return result;
}

/**
 * Users signed out in this tab: nothing is written for them any more (a sync or a send still in
 * flight when they left must not bring their data back), until they sign in again.
 */
const forgotten = new Set<string>();
export const isForgotten = (userId: string) => forgotten.has(userId);
export const remember = (userId: string) => forgotten.delete(userId);

/** Stops every write for `userId` in this tab and deletes what this device holds of them. */
export async function forgetUser(userId: string, name?: string): Promise<void> {
  forgotten.add(userId);
  await deleteUserData(await chatDb(name), userId);
}

/** Deletes everything stored for `userId` (conversations, messages, outbox) in one transaction. */
async function deleteUserData(db: ChatDb, userId: string): Promise<void> {
  await write(db, ['conversations', 'messages', 'outbox'], async (tx) => {
    const outbox = tx.objectStore('outbox');
    const keys = await outbox.index('by-user').getAllKeys(userId);
    await Promise.all([
      tx.objectStore('conversations').delete(userRange(userId)),
      tx.objectStore('messages').delete(userRange(userId)),
      ...keys.map((key) => outbox.delete(key)),
    ]);
  });
}
