/**
 * The data side of one open conversation: loads the newest page, older pages on demand, syncs what
 * was missed after every (re)connect from the last seq on screen, follows live messages, receipts
 * and typing, and sends through the tab's outbox. The element renders `timeline` and handles scroll.
 */

import { type ChatHistoryPage, type ChatMessage, type RequestPayload, ServerEvent } from '@flint/shared';
import type { ReactiveControllerHost } from 'lit';
import { SourceEffect } from '../pages/bindings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { $activeConversation } from './active-conversation.ts';
import { type ChatAgent, type ChatAgentEvent, holdChatAgent } from './chat-agent.ts';
import * as tl from './timeline.ts';
import { TypingSignal } from './typing-signal.ts';

export const PAGE_SIZE = 50;
const SYNC_PAGE_SIZE = 100;
/** The peer's indicator goes away if their "stopped typing" never comes (closed tab). */
export const PEER_TYPING_TIMEOUT_MS = 6_000;

export type LoadState = 'loading' | 'ready' | 'forbidden';

interface Source {
  rt: RealtimeStore;
  me: string;
  conversationId: string;
}

export class ConversationController {
  timeline: tl.Timeline = tl.emptyTimeline('');
  state: LoadState = 'loading';
  hasOlder = false;
  loadingOlder = false;
  peerTyping = false;

  /** The conversation asked for; its subscriptions run while the host is connected. */
  #source: Source | null = null;
  readonly #effect: SourceEffect<Source>;
  #agent: ChatAgent | null = null;
  /** History requests run one after another, so pages and syncs never interleave. */
  #queue: Promise<unknown> = Promise.resolve();
  #readUpTo = 0;
  #peerTypingTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #typing = new TypingSignal((typing) => this.#request('chat:typing', { conversationId: this.#id, typing }));

  constructor(private readonly host: ReactiveControllerHost) {
    this.#effect = new SourceEffect<Source>(host, (source) => this.#start(source));
  }

  get #id(): string {
    return this.#source?.conversationId ?? '';
  }

  /** Call from the host's `willUpdate`; restarts when the store, the user or the conversation changes. */
  use(rt: RealtimeStore | null, me: string | null, conversationId: string): void {
    const next = rt && me && conversationId ? { rt, me, conversationId } : null;
    const s = this.#source;
    if (s?.rt === next?.rt && s?.me === next?.me && s?.conversationId === next?.conversationId) return;
    // Stopped first, so the old conversation's "stopped typing" still goes to that conversation.
    this.#effect.use(next);
    this.#source = next;
  }

  /** Queues the message in the outbox (shown at once as pending) and stops the typing signal. */
  async send(body: string): Promise<void> {
    const text = body.trim();
    if (!text || !this.#agent) return;
    this.#typing.stop();
    await this.#agent.send(this.#id, text);
  }

  /** The user typed in the composer. */
  typed(): void {
    this.#typing.typed();
  }

  loadOlder(): Promise<void> {
    if (!this.hasOlder || this.loadingOlder || this.state !== 'ready') return Promise.resolve();
    this.loadingOlder = true;
    this.host.requestUpdate();
    return this.#serial(async () => {
      const page = await this.#history({ before: this.timeline.messages[0]?.seq ?? 1 });
      this.loadingOlder = false;
      if (page) this.#apply(page, page.hasMore);
      this.host.requestUpdate();
    });
  }

  /** The user sees the newest message: tell the other member, once per new message. */
  markRead(): void {
    const upTo = tl.lastSeq(this.timeline);
    if (tl.lastIncomingSeq(this.timeline) <= this.#readUpTo) return;
    this.#readUpTo = upTo;
    void this.#request('chat:read', { conversationId: this.#id, upTo });
  }

  /** Loads and follows `source` until the returned function stops it. */
  #start(source: Source): () => void {
    const { rt, me, conversationId } = source;
    this.timeline = tl.emptyTimeline(me);
    this.state = 'loading';
    this.hasOlder = false;
    this.#readUpTo = 0;
    const { agent, release } = holdChatAgent(rt, me);
    this.#agent = agent;
    $activeConversation.set(conversationId);
    let loaded = false;
    const mine = (e: { conversationId: string }) => e.conversationId === conversationId;
    const cleanups = [
      release,
      agent.on((event) => mine(event.entry) && this.#onAgent(event)),
      rt.subscribe(ServerEvent.CHAT_MESSAGE, (m) => mine(m) && this.#onMessages([m])),
      rt.subscribe(ServerEvent.CHAT_READ, (e) => mine(e) && e.userId !== me && this.#receipt('read', e.upTo)),
      rt.subscribe(ServerEvent.CHAT_DELIVERED, (e) => mine(e) && e.userId !== me && this.#receipt('delivered', e.upTo)),
      rt.subscribe(ServerEvent.CHAT_TYPING, (e) => mine(e) && e.userId !== me && this.#peerTyped(e.typing)),
      // Every (re)connect: the first load, or a sync of what was missed while away.
      rt.$connection.subscribe(({ status }) => {
        if (status !== 'connected') return;
        void this.#serial(async () => {
          if (loaded) await this.#sync();
          else loaded = await this.#loadLatest();
        });
      }),
    ];
    void agent.pending(conversationId).then((entries) => {
      if (this.#agent === agent) this.#update(tl.addPending(this.timeline, entries));
    });
    return () => {
      this.#typing.stop();
      clearTimeout(this.#peerTypingTimer);
      this.peerTyping = false;
      for (const cleanup of cleanups) cleanup();
      if ($activeConversation.get() === conversationId) $activeConversation.set(null);
      this.#agent = null;
    };
  }

  async #loadLatest(): Promise<boolean> {
    const page = await this.#history({ limit: PAGE_SIZE });
    if (!page) return false;
    this.state = 'ready';
    this.#apply(page, page.hasMore);
    return true;
  }

  async #sync(): Promise<void> {
    for (;;) {
      const page = await this.#history({ after: tl.lastSeq(this.timeline), limit: SYNC_PAGE_SIZE });
      if (!page) return;
      this.#apply(page, this.hasOlder);
      if (!page.hasMore) return;
    }
  }

  async #history(cursor: Omit<RequestPayload<'chat:history'>, 'conversationId'>): Promise<ChatHistoryPage | null> {
    const source = this.#source;
    if (!source) return null;
    const ack = await source.rt.request('chat:history', {
      conversationId: source.conversationId,
      ...cursor,
    });
    if (this.#source !== source) return null;
    if (!ack.ok) {
      if (ack.error.code === 'forbidden') this.#update(this.timeline, 'forbidden');
      return null;
    }
    return ack.data;
  }

  #apply(page: ChatHistoryPage, hasOlder: boolean): void {
    this.hasOlder = hasOlder;
    this.#onMessages(page.messages);
    this.#update(tl.mergeReceipts(this.timeline, page.receipts));
    // The load state and hasOlder may have changed even when the page was empty.
    this.host.requestUpdate();
  }

  #onMessages(messages: ChatMessage[]): void {
    if (messages.some((m) => m.senderId !== this.timeline.me)) {
      this.#agent?.acknowledge(this.#id, Math.max(...messages.map((m) => m.seq)));
      this.#peerTyped(false);
    }
    this.#update(tl.addMessages(this.timeline, messages));
  }

  #onAgent(event: ChatAgentEvent): void {
    const { entry } = event;
    if (event.type === 'queued') this.#update(tl.addPending(this.timeline, [entry]));
    else if (event.type === 'sent') this.#update(tl.addMessages(this.timeline, [event.message]));
    else this.#update(tl.failPending(this.timeline, entry.clientId, event.error.message));
  }

  #receipt(kind: 'read' | 'delivered', upTo: number): void {
    this.#update(tl.advanceReceipts(this.timeline, kind, upTo));
  }

  #peerTyped(typing: boolean): void {
    clearTimeout(this.#peerTypingTimer);
    if (typing) this.#peerTypingTimer = setTimeout(() => this.#peerTyped(false), PEER_TYPING_TIMEOUT_MS);
    if (this.peerTyping === typing) return;
    this.peerTyping = typing;
    this.host.requestUpdate();
  }

  #update(timeline: tl.Timeline, state = this.state): void {
    if (timeline === this.timeline && state === this.state) return;
    this.timeline = timeline;
    this.state = state;
    this.host.requestUpdate();
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #request<E extends 'chat:read' | 'chat:typing'>(event: E, payload: RequestPayload<E>): Promise<unknown> {
    return this.#source ? this.#source.rt.request(event, payload) : Promise.resolve();
  }
}
