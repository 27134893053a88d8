/**
 * The tab's chat background work, running while anyone holds it (the shell on every route, an
 * open conversation): it sends the outbox in write order whenever the socket is connected, and
 * tells the server this device received incoming messages (`chat:delivered`).
 * One per tab and user; several tabs of one user may flush the same outbox, which is safe because
 * `chat:send` is idempotent on the entry's clientId.
 */
import { type ChatMessage, type ErrorBody, ErrorCode, ServerEvent } from '@flint/shared';
import type { RealtimeStore } from '../session/context.ts';
import { type Outbox, type OutboxEntry, openOutbox } from './outbox.ts';

/** An ack slower than this is retried (same clientId, so never a duplicate). */
export const SEND_TIMEOUT_MS = 8_000;
const RETRY_MS = 2_000;
/** Refusals that a retry cannot fix: the entry leaves the outbox and shows as failed. */
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
  | { type: 'failed'; entry: OutboxEntry; error: ErrorBody };

export class ChatAgent {
  readonly #listeners = new Set<(event: ChatAgentEvent) => void>();
  readonly #outbox: Promise<Outbox>;
  readonly #cleanups: Array<() => void> = [];
  /** Highest seq acknowledged per conversation, and the acknowledgements not yet sent. */
  readonly #delivered = new Map<string, number>();
  readonly #toDeliver = new Map<string, number>();
  #connected = false;
  #flushing: Promise<void> | null = null;
  #again = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #deliverTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly rt: RealtimeStore,
    readonly userId: string,
  ) {
    this.#outbox = openOutbox();
    this.#cleanups.push(
      rt.$connection.subscribe(() => this.#setConnected()),
      rt.subscribe(ServerEvent.CHAT_MESSAGE, (m) => {
        if (m.senderId !== userId) this.acknowledge(m.conversationId, m.seq);
      }),
    );
  }

  /** Listens to outbox progress; returns the unsubscribe. */
  on(listener: (event: ChatAgentEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Queues a message (durably, before anything goes on the wire) and sends it when possible. */
  async send(conversationId: string, body: string): Promise<OutboxEntry> {
    const outbox = await this.#outbox;
    const entry = await outbox.add({
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

  async pending(conversationId: string): Promise<OutboxEntry[]> {
    return (await this.#outbox).list(this.userId, conversationId);
  }

  /** This device has the conversation's messages up to `seq`; coalesced into one request per burst. */
  acknowledge(conversationId: string, seq: number): void {
    if (seq <= (this.#delivered.get(conversationId) ?? 0)) return;
    this.#delivered.set(conversationId, seq);
    this.#toDeliver.set(conversationId, seq);
    clearTimeout(this.#deliverTimer);
    this.#deliverTimer = setTimeout(() => {
      for (const [id, upTo] of this.#toDeliver) void this.rt.request('chat:delivered', { conversationId: id, upTo });
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
    for (const cleanup of this.#cleanups) cleanup();
    clearTimeout(this.#retry);
    clearTimeout(this.#deliverTimer);
    this.#connected = false;
    void this.#outbox.then((outbox) => outbox.close());
  }

  /**
   * Follows the socket alone, never `navigator.onLine`: that is the OS's guess from its network
   * interfaces (Chromium on Linux says offline whenever only loopback is up, while a server there
   * answers), so trusting it left the outbox unsent over a working socket. Going offline for real
   * is covered anyway: the socket store drops to `reconnecting` on the browser's `offline` event,
   * and a send lost in flight is retried after SEND_TIMEOUT_MS under the same clientId.
   */
  #setConnected(): void {
    const connected = this.rt.$connection.get().status === 'connected';
    if (connected === this.#connected) return;
    this.#connected = connected;
    if (connected) void this.flush();
  }

  async #drain(): Promise<void> {
    clearTimeout(this.#retry);
    const outbox = await this.#outbox;
    while (this.#connected) {
      const [entry] = await outbox.list(this.userId);
      if (!entry) return;
      const { conversationId, clientId, body } = entry;
      const ack = await this.rt.request('chat:send', { conversationId, clientId, body }, { timeoutMs: SEND_TIMEOUT_MS });
      if (ack.ok) {
        await outbox.remove(clientId);
        this.#emit({ type: 'sent', entry, message: ack.data });
      } else if (PERMANENT.has(ack.error.code)) {
        await outbox.remove(clientId);
        this.#emit({ type: 'failed', entry, error: ack.error });
      } else {
        // Timeout, dropped connection, rate limit, server trouble: the same entry goes again later.
        this.#retry = setTimeout(() => void this.flush(), RETRY_MS);
        return;
      }
    }
  }

  #emit(event: ChatAgentEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

let current: { agent: ChatAgent; rt: RealtimeStore; holds: number } | null = null;

/**
 * Holds the tab's agent for this user (creating it on first hold); `release()` stops it after the
 * last holder lets go. The shell should hold it on every route so the outbox drains and deliveries
 * are acknowledged wherever the user is.
 */
export function holdChatAgent(rt: RealtimeStore, userId: string): { agent: ChatAgent; release: () => void } {
  if (current && (current.rt !== rt || current.agent.userId !== userId)) {
    current.agent.stop();
    current = null;
  }
  current ??= { agent: new ChatAgent(rt, userId), rt, holds: 0 };
  const held = current;
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
