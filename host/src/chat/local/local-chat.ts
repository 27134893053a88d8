/**
 * One user's chats on this device: the conversation list, each conversation's recent messages and
 * its sync cursor, the other member's receipts. The chat UI renders from here before any network
 * answer; whatever the network brings is stored here too. History is bounded per conversation
 * (the newest MAX_STORED_MESSAGES), and when the browser runs out of room the oldest half of every
 * conversation's stored messages goes (the outbox never does: it is what the user wrote).
 */
import type { ChatMessage, ChatReceipts, ConversationSummary } from '@flint/shared';
import { type ChatDb, type ChatTx, type ConversationRecord, chatDb, conversationRange, isForgotten, userRange, write } from './chat-db.ts';

export const MAX_STORED_MESSAGES = 500;
/** How many times a write evicts old messages and tries again before it gives up. */
const EVICTION_ROUNDS = 8;

export interface StoredConversation {
  /** Newest stored messages, oldest first. */
  messages: ChatMessage[];
  /** Absent when nothing was ever stored for this conversation. */
  cursor?: number;
  receipts: ChatReceipts;
}

const NO_RECEIPTS: ChatReceipts = { read: 0, delivered: 0 };
const strip = ({ userId: _, ...m }: ChatMessage & { userId: string }): ChatMessage => m;

/** The end of the unbroken run of seqs that starts at the oldest one (seqs sorted ascending). */
export function runEnd(seqs: readonly number[]): number | undefined {
  if (seqs.length === 0) return undefined;
  let end = seqs[0]!;
  for (const seq of seqs) {
    if (seq > end + 1) break;
    end = seq;
  }
  return end;
}

/** Refuses writes for a user who signed out in this tab. */
export class SignedOutError extends Error {}

/**
 * Runs a write whose failure must not stop the chat: what it was storing is on screen anyway and
 * the next sync stores it again. A refused write for a user who signed out is expected, not logged.
 */
export async function bestEffort(write: Promise<unknown>, what: string): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof SignedOutError)) console.warn(`[flint] could not store ${what} on this device`, error);
  }
}

export const isQuotaError = (error: unknown) => error instanceof DOMException && error.name === 'QuotaExceededError';

/**
 * Runs a write; when the browser refuses it for lack of room, frees room (oldest messages first)
 * and runs it again. Anything else, or no room left to free, is thrown.
 */
export async function withRoom<T>(db: ChatDb, work: () => Promise<T>): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return await work();
    } catch (error) {
      if (!isQuotaError(error) || round >= EVICTION_ROUNDS || (await evictOldest(db)) === 0) throw error;
    }
  }
}

/**
 * Halves every conversation's stored history (oldest first, every user); returns how many messages
 * went. Deleting comes first, in a transaction that only deletes: Chromium refuses to commit any
 * transaction that writes while the origin is at its quota, even one that frees more than it adds.
 */
export async function evictOldest(db: ChatDb): Promise<number> {
  const trimmed = await write(db, ['messages'], async (tx) => {
    const byConversation = new Map<string, Array<[string, string, number]>>();
    for (const key of await tx.store.getAllKeys()) {
      const id = JSON.stringify([key[0], key[1]]);
      byConversation.set(id, [...(byConversation.get(id) ?? []), key]);
    }
    let freed = 0;
    for (const keys of byConversation.values()) {
      const drop = Math.ceil(keys.length / 2);
      const [userId, conversationId, last] = keys[drop - 1]!;
      await tx.store.delete(IDBKeyRange.bound([userId, conversationId, 0], [userId, conversationId, last]));
      freed += drop;
    }
    return { freed, conversations: [...byConversation.values()].map(([[userId, conversationId]]) => [userId, conversationId] as const) };
  });
  // Then each cursor follows what is left.
  await write(db, ['conversations', 'messages'], async (tx) => {
    for (const [userId, conversationId] of trimmed.conversations) await reshape(tx, userId, conversationId, Number.POSITIVE_INFINITY);
  });
  return trimmed.freed;
}

/** Keeps the newest `keep` messages of a conversation and recomputes its cursor; returns how many went. */
async function reshape(tx: ChatTx<['conversations', 'messages']>, userId: string, conversationId: string, keep: number) {
  const messages = tx.objectStore('messages');
  const seqs = (await messages.getAllKeys(conversationRange(userId, conversationId))).map((k) => k[2]);
  const drop = Math.max(0, seqs.length - keep);
  if (drop > 0) await messages.delete(IDBKeyRange.bound([userId, conversationId, 0], [userId, conversationId, seqs[drop - 1]!]));
  const conversations = tx.objectStore('conversations');
  const record = (await conversations.get([userId, conversationId])) ?? { userId, id: conversationId, receipts: NO_RECEIPTS };
  await conversations.put({ ...record, cursor: runEnd(seqs.slice(drop)) });
  return drop;
}

export class LocalChat {
  readonly #db: Promise<ChatDb>;

  constructor(
    readonly userId: string,
    dbName?: string,
  ) {
    this.#db = chatDb(dbName);
  }

  /** The conversation list as last synced, most recent activity first. */
  async conversations(): Promise<ConversationSummary[]> {
    const records = await (await this.#db).getAll('conversations', userRange(this.userId));
    return records
      .filter((r): r is ConversationRecord & { summary: ConversationSummary } => r.summary !== undefined)
      .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
      .map((r) => r.summary);
  }

  /** Stores the server's list as the user's list: conversations no longer in it go, with their messages. */
  async replaceConversations(list: readonly ConversationSummary[]): Promise<void> {
    const db = await this.#writable();
    await withRoom(db, () =>
      write(db, ['conversations', 'messages'], async (tx) => {
        const store = tx.objectStore('conversations');
        const keep = new Set(list.map((c) => c.id));
        for (const record of await store.getAll(userRange(this.userId))) {
          if (keep.has(record.id)) continue;
          await store.delete([this.userId, record.id]);
          await tx.objectStore('messages').delete(conversationRange(this.userId, record.id));
        }
        for (const [rank, summary] of list.entries()) {
          const record = (await store.get([this.userId, summary.id])) ?? { userId: this.userId, id: summary.id, receipts: NO_RECEIPTS };
          await store.put({ ...record, summary, rank });
        }
      }),
    );
  }

  /** The newest `limit` stored messages of a conversation, its cursor and receipts. */
  async open(conversationId: string, limit: number): Promise<StoredConversation> {
    const db = await this.#db;
    const tx = db.transaction(['conversations', 'messages']);
    const [record, newest] = await Promise.all([
      tx.objectStore('conversations').get([this.userId, conversationId]),
      collect(tx.objectStore('messages').openCursor(conversationRange(this.userId, conversationId), 'prev'), limit),
    ]);
    return { messages: newest.reverse(), cursor: record?.cursor, receipts: record?.receipts ?? NO_RECEIPTS };
  }

  /** Up to `limit` stored messages just before `seq`, oldest first. */
  async before(conversationId: string, seq: number, limit: number): Promise<ChatMessage[]> {
    const db = await this.#db;
    const range = IDBKeyRange.bound([this.userId, conversationId, 0], [this.userId, conversationId, seq], false, true);
    return (await collect(db.transaction('messages').store.openCursor(range, 'prev'), limit)).reverse();
  }

  /** Stores messages of one conversation (keeping the newest MAX_STORED_MESSAGES); resolves to the new cursor. */
  async storeMessages(conversationId: string, incoming: readonly ChatMessage[]): Promise<number | undefined> {
    const db = await this.#writable();
    return withRoom(db, () =>
      write(db, ['conversations', 'messages'], async (tx) => {
        for (const m of incoming) await tx.objectStore('messages').put({ ...m, userId: this.userId });
        await reshape(tx, this.userId, conversationId, MAX_STORED_MESSAGES);
        const store = tx.objectStore('conversations');
        const record = (await store.get([this.userId, conversationId]))!;
        const newest = incoming.reduce<ChatMessage | null>((a, m) => (a && a.seq >= m.seq ? a : m), null);
        const last = record.summary?.lastMessage;
        if (record.summary && newest && (!last || newest.seq > last.seq)) {
          await store.put({ ...record, summary: { ...record.summary, lastMessage: newest } });
        }
        return record.cursor;
      }),
    );
  }

  /** Moves the other member's pointers forward (never back). */
  async storeReceipts(conversationId: string, receipts: ChatReceipts): Promise<void> {
    await this.#update(conversationId, (r) => ({
      ...r,
      receipts: { read: Math.max(r.receipts.read, receipts.read), delivered: Math.max(r.receipts.delivered, receipts.delivered) },
    }));
  }

  /** The user has read the conversation: its unread count is 0 before the server's list says so. */
  async markRead(conversationId: string): Promise<void> {
    await this.#update(conversationId, (r) => (r.summary ? { ...r, summary: { ...r.summary, unread: 0 } } : r));
  }

  async #writable(): Promise<ChatDb> {
    const db = await this.#db;
    if (isForgotten(this.userId)) throw new SignedOutError(`${this.userId} signed out on this device`);
    return db;
  }

  async #update(conversationId: string, change: (r: ConversationRecord) => ConversationRecord): Promise<void> {
    const db = await this.#writable();
    await withRoom(db, () =>
      write(db, ['conversations'], async (tx) => {
        const record = (await tx.store.get([this.userId, conversationId])) ?? {
          userId: this.userId,
          id: conversationId,
          receipts: NO_RECEIPTS,
        };
        await tx.store.put(change(record));
      }),
    );
  }
}

async function collect<V extends ChatMessage & { userId: string }>(
  start: Promise<{ value: V; continue(): Promise<unknown> } | null>,
  limit: number,
): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  let cursor = await start;
  while (cursor && out.length < limit) {
    out.push(strip(cursor.value));
    cursor = (await cursor.continue()) as typeof cursor;
  }
  return out;
}
