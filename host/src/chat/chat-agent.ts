/**
 * The tab's chat background work for one user, running while anyone holds it (the shell on every
 * route, an open conversation): it keeps the outbox (written at once, durably, even with no
 * network or no realtime module at all), sends it in write order whenever the socket is connected,
 * stores every message that arrives or is acknowledged in the user's local chat database, and
 * tells the server this device has them (`chat:delivered`).
 * Several tabs of one user may flush the same outbox, which is safe because `chat:send` is
 * idempotent on the entry's clientId.
 */
import { type ChatMessage, type ErrorBody, ErrorCode, ServerEvent } from '@flint/shared';
import type { RealtimeStore } from '../session/context.ts';
import { bestEffort, LocalChat } from './local/local-chat.ts';
import { type Outbox, type OutboxEntry, openOutbox } from './local/outbox.ts';

/** An ack slower than this is retried (same clientId, so never a duplicate). */
export const SEND_TIMEOUT_MS = 8_000;
const RETRY_MS = 2_000;
/** Refusals that a retry cannot fix: the entry stays in the outbox, marked failed, until edited or deleted. */
const PERMANENT: ReadonlySet<string> = new Set([
  ErrorCode.INVALID_PAYLOAD,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.TOO_LARGE,
  ErrorCode.UNKNOWN_EVENT,
  ErrorCode.UNAUTHORIZED,
]);

export type ChatAgentEvent =
  | { type: 'queued'; entry: OutboxEntry }
  | { type: 'sent'; entry: OutboxEntry; message: ChatMessage }
  | { type: 'failed'; entry: OutboxEntry; error: ErrorBody }
  | { type: 'removed'; entry: OutboxEntry };

export class ChatAgent {
  readonly local: LocalChat;
  readonly #listeners = new Set<(event: ChatAgentEvent) => void>();
  readonly #outbox: Outbox;
  #rt: RealtimeStore | null = null;
  #unsubscribe: Array<() => void> = [];
  /** Highest seq acknowledged per conversation, and the acknowledgements not yet sent. */
  readonly #delivered = new Map<string, number>();
  readonly #toDeliver = new Map<string, number>();
  #connected = false;
  #flushing: Promise<void> | null = null;
  #again = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #deliverTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly userId: string,
    dbName?: string,
  ) {
    this.local = new LocalChat(userId, dbName);
    this.#outbox = openOutbox(dbName);
  }

  /** The realtime store to send and receive through (null: keep writing locally, send nothing). */
  useRealtime(rt: RealtimeStore | null): void {
    if (rt === this.#rt) return;
    this.#detach();
    this.#rt = rt;
    if (!rt) return;
    this.#unsubscribe = [
      rt.$connection.subscribe(() => this.#setConnected()),
      rt.subscribe(ServerEvent.CHAT_MESSAGE, (m) => {
        void this.#store(m);
        if (m.senderId !== this.userId) this.acknowledge(m.conversationId, m.seq);
      }),
    ];
  }

  /** Listens to outbox progress; returns the unsubscribe. */
  on(listener: (event: ChatAgentEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Queues a message (durably, before anything goes on the wire) and sends it when possible. */
  async send(conversationId: string, body: string): Promise<OutboxEntry> {
    const entry = await this.#outbox.add({
      clientId: crypto.randomUUID(),
      userId: this.userId,
      conversationId,
      body,
      createdAt: new Date().toISOString(),
    });
    this.#emit({ type: 'queued', entry });
    void this.flush();
    return entry;
  }

  /** A refused message, edited: back in the outbox with its new body. */
  async retry(clientId: string, body: string): Promise<void> {
    const entry = await this.#outbox.retry(clientId, body);
    if (!entry) return;
    this.#emit({ type: 'queued', entry });
    void this.flush();
  }

  /** Deletes a message that was never sent (the user chose to). */
  async discard(entry: OutboxEntry): Promise<void> {
    await this.#outbox.remove(entry.clientId);
    this.#emit({ type: 'removed', entry });
  }

  /** This user's unsent messages (refused ones included), optionally of one conversation. */
  pending(conversationId?: string): Promise<OutboxEntry[]> {
    return this.#outbox.list(this.userId, conversationId);
  }

  /** This device has the conversation's messages up to `seq`; coalesced into one request per burst. */
  acknowledge(conversationId: string, seq: number): void {
    if (seq <= (this.#delivered.get(conversationId) ?? 0)) return;
    this.#delivered.set(conversationId, seq);
    this.#toDeliver.set(conversationId, seq);
    clearTimeout(this.#deliverTimer);
    this.#deliverTimer = setTimeout(() => {
      for (const [id, upTo] of this.#toDeliver) void this.#rt?.request('chat:delivered', { conversationId: id, upTo });
      this.#toDeliver.clear();
    }, 50);
  }

  /** Sends queued entries one at a time, oldest first; a second call while running runs again after. */
  flush(): Promise<void> {
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = this.#drain().finally(() => {
      this.#flushing = null;
      if (this.#again) {
        this.#again = false;
        void this.flush();
      }
    });
    return this.#flushing;
  }

  stop(): void {
    this.#detach();
    this.#rt = null;
    clearTimeout(this.#deliverTimer);
  }

  #detach(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    clearTimeout(this.#retry);
    this.#connected = false;
  }

  /**
   * Follows the socket alone, never `navigator.onLine`: that is the OS's guess from its network
   * interfaces (Chromium on Linux says offline whenever only loopback is up, while a server there
   * answers), so trusting it left the outbox unsent over a working socket. Going offline for real
   * is covered anyway: the socket store drops to `reconnecting` on the browser's `offline` event,
   * and a send lost in flight is retried after SEND_TIMEOUT_MS under the same clientId.
   */
  #setConnected(): void {
    const connected = this.#rt?.$connection.get().status === 'connected';
    if (connected === this.#connected) return;
    this.#connected = connected;
    if (connected) void this.flush();
  }

  async #drain(): Promise<void> {
    clearTimeout(this.#retry);
    while (this.#connected && this.#rt) {
      const entry = (await this.#outbox.list(this.userId)).find((e) => !e.error);
      if (!entry) return;
      const { conversationId, clientId, body } = entry;
      const ack = await this.#rt.request('chat:send', { conversationId, clientId, body }, { timeoutMs: SEND_TIMEOUT_MS });
      if (ack.ok) {
        await this.#store(ack.data);
        await this.#outbox.remove(clientId);
        this.#emit({ type: 'sent', entry, message: ack.data });
      } else if (PERMANENT.has(ack.error.code)) {
        await this.#outbox.fail(clientId, ack.error);
        this.#emit({ type: 'failed', entry, error: ack.error });
      } else {
        // Timeout, dropped connection, rate limit, server trouble: the same entry goes again later.
        this.#retry = setTimeout(() => void this.flush(), RETRY_MS);
        return;
      }
    }
  }

  /** A message is kept on this device; if storing fails the UI still has it, and the next sync stores it again. */
  #store(message: ChatMessage): Promise<void> {
    return bestEffort(this.local.storeMessages(message.conversationId, [message]), 'a chat message');
  }

  #emit(event: ChatAgentEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

let current: { agent: ChatAgent; holds: number } | null = null;

/**
 * Holds the tab's agent for this user (creating it on first hold) and points it at `rt` when one
 * is given; `release()` stops it after the last holder lets go. The shell holds it on every route
 * so the outbox drains and deliveries are acknowledged wherever the user is.
 */
export function holdChatAgent(userId: string, rt: RealtimeStore | null): { agent: ChatAgent; release: () => void } {
  if (current && current.agent.userId !== userId) {
    current.agent.stop();
    current = null;
  }
  current ??= { agent: new ChatAgent(userId), holds: 0 };
  const held = current;
  if (rt) held.agent.useRealtime(rt);
  held.holds += 1;
  let released = false;
  return {
    agent: held.agent,
    release() {
      if (released) return;
      released = true;
      held.holds -= 1;
      if (held.holds === 0 && current === held) {
        held.agent.stop();
        current = null;
      }
    },
  };
}
