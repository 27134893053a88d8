/**
 * The data side of one open conversation. Local first: it shows what this device stored (the
 * newest page, the outbox's pending and refused messages, the other member's receipts) before any
 * network answer, and without any realtime module at all. Then, on every (re)connect, it syncs
 * what came after the stored cursor (or loads the newest page when nothing was stored), follows
 * live messages, receipts and typing, and stores what it got. Older pages come from the device
 * first, then from the server. The element renders `timeline` and handles scroll.
 */

import { type ChatHistoryPage, type ChatMessage, type RequestPayload, ServerEvent } from '@flint/shared';
import type { ReactiveControllerHost } from 'lit';
import { SourceEffect } from '../pages/bindings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { $activeConversation } from './active-conversation.ts';
import { type ChatAgent, type ChatAgentEvent, holdChatAgent } from './chat-agent.ts';
import { bestEffort } from './local/local-chat.ts';
import type { OutboxEntry } from './local/outbox.ts';
import * as tl from './timeline.ts';
import { TypingSignal } from './typing-signal.ts';

export const PAGE_SIZE = 50;
const SYNC_PAGE_SIZE = 100;
/** The peer's indicator goes away if their "stopped typing" never comes (closed tab). */
export const PEER_TYPING_TIMEOUT_MS = 6_000;

export type LoadState = 'loading' | 'ready' | 'forbidden';

interface Local {
  me: string;
  conversationId: string;
}

export class ConversationController {
  timeline: tl.Timeline = tl.emptyTimeline('');
  state: LoadState = 'loading';
  /** Where the first messages on screen came from (for the element's performance mark). */
  source: 'device' | 'server' | null = null;
  hasOlder = false;
  loadingOlder = false;
  peerTyping = false;

  /** The conversation asked for; what the device has of it is shown while the host is connected. */
  #local: Local | null = null;
  #rt: RealtimeStore | null = null;
  readonly #open: SourceEffect<Local>;
  readonly #follow: SourceEffect<RealtimeStore>;
  #agent: ChatAgent | null = null;
  /** Resolves once the stored part is on screen; syncing waits for it. */
  #opened: Promise<void> = Promise.resolve();
  /** Every message up to here is stored (or on screen); sync asks for what comes after. */
  #cursor: number | undefined;
  /** History requests run one after another, so pages and syncs never interleave. */
  #queue: Promise<unknown> = Promise.resolve();
  #readUpTo = 0;
  /** An older page could not be had; set until the next (re)connect. */
  #olderUnavailable = false;
  #peerTypingTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #typing = new TypingSignal((typing) => this.#request('chat:typing', { conversationId: this.#id, typing }));

  constructor(private readonly host: ReactiveControllerHost) {
    this.#open = new SourceEffect<Local>(host, (local) => this.#start(local));
    this.#follow = new SourceEffect<RealtimeStore>(host, (rt) => this.#sync(rt, this.#local!));
  }

  get #id(): string {
    return this.#local?.conversationId ?? '';
  }

  /** Call from the host's `willUpdate`; restarts when the store, the user or the conversation changes. */
  use(rt: RealtimeStore | null, me: string | null, conversationId: string): void {
    const next = me && conversationId ? { me, conversationId } : null;
    const l = this.#local;
    if (l?.me !== next?.me || l?.conversationId !== next?.conversationId) {
      // Stopped first, so the old conversation's "stopped typing" still goes to that conversation.
      this.#follow.use(null);
      this.#open.use(next);
      this.#local = next;
    }
    this.#rt = next ? rt : null;
    this.#follow.use(this.#rt, `${next?.me}/${next?.conversationId}`);
  }

  /** Queues the message in the outbox (shown at once as pending, even offline) and stops the typing signal. */
  async send(body: string): Promise<void> {
    const text = body.trim();
    if (!text) return;
    if (!this.#agent) throw new Error('no conversation is open');
    this.#typing.stop();
    await this.#agent.send(this.#id, text);
  }

  /** Puts a refused message back in line with its edited text. */
  retry(clientId: string, body: string): Promise<void> {
    return this.#agent?.retry(clientId, body.trim()) ?? Promise.resolve();
  }

  /** Deletes a message that was never sent. */
  async discard(clientId: string): Promise<void> {
    const entry = (await this.#agent?.pending(this.#id))?.find((e) => e.clientId === clientId);
    if (entry) await this.#agent?.discard(entry);
  }

  /** The user typed in the composer. */
  typed(): void {
    this.#typing.typed();
  }

  /**
   * The page above what is on screen: from the device when it has it unbroken, else from the
   * server. When neither can give it (offline, no realtime module), nothing is asked again until
   * the next (re)connect: the element calls this after every render, so a retry here would spin.
   */
  loadOlder(): Promise<void> {
    if (!this.hasOlder || this.loadingOlder || this.#olderUnavailable || this.state !== 'ready' || !this.#agent) return Promise.resolve();
    this.loadingOlder = true;
    this.host.requestUpdate();
    return this.#serial(async () => {
      const first = this.timeline.messages[0]?.seq ?? 1;
      const stored = (await this.#agent?.local.before(this.#id, first, PAGE_SIZE).catch(() => [])) ?? [];
      // Only an unbroken page that ends right above what is on screen; anything else asks the server.
      const unbroken = stored.every((m, i) => i === 0 || m.seq === stored[i - 1]!.seq + 1);
      if (unbroken && stored.at(-1)?.seq === first - 1) this.#show(stored);
      else if (!(await this.#fetch({ before: first }))) this.#olderUnavailable = true;
      this.loadingOlder = false;
      this.host.requestUpdate();
    });
  }

  /** The user sees the newest message: tell the other member, once per new message. */
  markRead(): void {
    const upTo = tl.lastSeq(this.timeline);
    if (tl.lastIncomingSeq(this.timeline) <= this.#readUpTo) return;
    this.#readUpTo = upTo;
    void this.#request('chat:read', { conversationId: this.#id, upTo });
    if (this.#agent) void bestEffort(this.#agent.local.markRead(this.#id), 'a read conversation');
  }

  /** Shows what the device has of the conversation, and follows the outbox, until the returned function. */
  #start(local: Local): () => void {
    const { me, conversationId } = local;
    this.timeline = tl.emptyTimeline(me);
    this.state = 'loading';
    this.source = null;
    this.hasOlder = false;
    this.#readUpTo = 0;
    this.#olderUnavailable = false;
    this.#cursor = undefined;
    const { agent, release } = holdChatAgent(me, null);
    this.#agent = agent;
    $activeConversation.set(conversationId);
    const stop = agent.on((event) => event.entry.conversationId === conversationId && this.#onAgent(event));
    this.#opened = Promise.all([agent.local.open(conversationId, PAGE_SIZE).catch(() => null), agent.pending(conversationId)]).then(
      ([stored, pending]) => {
        if (this.#agent !== agent) return;
        if (stored && stored.cursor !== undefined) {
          this.#cursor = stored.cursor;
          this.state = 'ready';
          this.source = 'device';
          this.#show(stored.messages);
          this.#update(tl.mergeReceipts(this.timeline, stored.receipts));
        }
        this.#update(tl.addPending(this.timeline, pending));
      },
    );
    return () => {
      stop();
      release();
      if ($activeConversation.get() === conversationId) $activeConversation.set(null);
      this.#agent = null;
      // Nothing is open any more: nothing to show or to load (an element that stays rendered must not page on).
      this.timeline = tl.emptyTimeline(me);
      this.state = 'loading';
      this.hasOlder = false;
    };
  }

  /** Follows the conversation live through `rt`, syncing after every (re)connect, until the returned function. */
  #sync(rt: RealtimeStore, { me, conversationId }: Local): () => void {
    const { release } = holdChatAgent(me, rt);
    const mine = (e: { conversationId: string }) => e.conversationId === conversationId;
    const cleanups = [
      release,
      rt.subscribe(ServerEvent.CHAT_MESSAGE, (m) => mine(m) && this.#onMessages([m])),
      rt.subscribe(ServerEvent.CHAT_READ, (e) => mine(e) && e.userId !== me && this.#receipt('read', e.upTo)),
      rt.subscribe(ServerEvent.CHAT_DELIVERED, (e) => mine(e) && e.userId !== me && this.#receipt('delivered', e.upTo)),
      rt.subscribe(ServerEvent.CHAT_TYPING, (e) => mine(e) && e.userId !== me && this.#peerTyped(e.typing)),
      rt.$connection.subscribe(({ status }) => {
        if (status !== 'connected') return;
        this.#olderUnavailable = false;
        void this.#serial(async () => {
          await this.#opened;
          if (this.#cursor === undefined) await this.#fetch({ limit: PAGE_SIZE });
          else await this.#catchUp();
        });
      }),
    ];
    return () => {
      this.#typing.stop();
      clearTimeout(this.#peerTypingTimer);
      this.peerTyping = false;
      for (const cleanup of cleanups) cleanup();
    };
  }

  /** Everything after the cursor, a page at a time. */
  async #catchUp(): Promise<void> {
    for (;;) {
      const page = await this.#fetch({ after: this.#cursor ?? 0, limit: SYNC_PAGE_SIZE });
      if (!page?.hasMore) return;
    }
  }

  /** One page from the server: stored, shown, and the cursor moved when it continues what we have. */
  async #fetch(cursor: Omit<RequestPayload<'chat:history'>, 'conversationId'>): Promise<ChatHistoryPage | null> {
    const local = this.#local;
    const rt = this.#rt;
    const agent = this.#agent;
    if (!local || !rt || !agent) return null;
    const ack = await rt.request('chat:history', { conversationId: local.conversationId, ...cursor });
    if (this.#local !== local) return null;
    if (!ack.ok) {
      if (ack.error.code === 'forbidden') this.#update(this.timeline, 'forbidden');
      return null;
    }
    const page = ack.data;
    await bestEffort(
      Promise.all([
        agent.local.storeMessages(local.conversationId, page.messages),
        agent.local.storeReceipts(local.conversationId, page.receipts),
      ]),
      'chat history',
    );
    if (cursor.before === undefined) this.#cursor = Math.max(this.#cursor ?? 0, page.messages.at(-1)?.seq ?? 0);
    this.state = 'ready';
    this.source ??= 'server';
    this.#show(page.messages);
    this.#update(tl.mergeReceipts(this.timeline, page.receipts));
    return page;
  }

  #show(messages: ChatMessage[]): void {
    this.#onMessages(messages);
    this.hasOlder = tl.hasOlder(this.timeline);
    // The load state and hasOlder may have changed even when nothing new came.
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
    const pending = (entry: OutboxEntry) => tl.putPending(this.timeline, entry);
    if (event.type === 'queued') this.#update(pending(event.entry));
    else if (event.type === 'sent') this.#update(tl.addMessages(this.timeline, [event.message]));
    else if (event.type === 'failed') this.#update(pending({ ...event.entry, error: event.error }));
    else this.#update(tl.removePending(this.timeline, event.entry.clientId));
  }

  #receipt(kind: 'read' | 'delivered', upTo: number): void {
    this.#update(tl.advanceReceipts(this.timeline, kind, upTo));
    if (this.#agent) void bestEffort(this.#agent.local.storeReceipts(this.#id, this.timeline.receipts), 'receipts');
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
    return this.#rt ? this.#rt.request(event, payload) : Promise.resolve();
  }
}
