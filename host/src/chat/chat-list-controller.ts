/**
 * The user's conversation list for a page, local first: what this device stored shows at once
 * (before any network answer, with or without the realtime module), then the server's list
 * replaces it and is stored. The list is refreshed from the server when the page opens, on every
 * (re)connect, and after chat events (a burst coalesces into one refresh).
 */
import type { ConversationSummary } from '@flint/shared';
import { ServerEvent } from '@flint/shared';
import type { ReactiveControllerHost } from 'lit';
import { api } from '../api/api.ts';
import { SourceEffect } from '../pages/bindings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { bestEffort, LocalChat } from './local/local-chat.ts';

/** Coalesces a burst of chat events into one list refresh. */
const REFRESH_DEBOUNCE_MS = 150;

/** `loading`: nothing to show yet; `ready`: the server answered; `offline`: showing the device's copy (or nothing) without a server answer. */
export type ListState = 'loading' | 'ready' | 'offline';

export class ChatListController {
  /** Most recent activity first; null until the device or the server gave a list. */
  list: ConversationSummary[] | null = null;
  state: ListState = 'loading';
  /** Where the list on screen came from, for the page's performance marks. */
  source: 'device' | 'server' | null = null;

  #local: LocalChat | null = null;
  #asked = 0;
  readonly #load: SourceEffect<string>;
  readonly #follow: SourceEffect<RealtimeStore>;

  /** `followChats: false` (a page that only needs one summary): no refresh on every chat event, only on reconnects. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { followChats: boolean } = { followChats: true },
  ) {
    this.#load = new SourceEffect<string>(host, (userId) => this.#start(userId));
    this.#follow = new SourceEffect<RealtimeStore>(host, (rt) => this.#live(rt));
  }

  /** Call from the host's `willUpdate`. */
  use(userId: string | null, rt: RealtimeStore | null): void {
    this.#load.use(userId);
    this.#follow.use(userId ? rt : null, userId ?? '');
  }

  /** Asks the server for the list now; the device's copy stays on screen if it cannot answer. */
  async refresh(): Promise<void> {
    const local = this.#local;
    if (!local) return;
    const asked = ++this.#asked;
    try {
      const list = await api.conversations();
      if (asked !== this.#asked || local !== this.#local) return;
      this.#show(list, 'server', 'ready');
      await bestEffort(local.replaceConversations(list), 'the chat list');
    } catch {
      if (asked === this.#asked && local === this.#local && this.state === 'loading') this.state = 'offline';
      this.host.requestUpdate();
    }
  }

  #start(userId: string): () => void {
    const local = new LocalChat(userId);
    this.#local = local;
    this.list = null;
    this.state = 'loading';
    this.source = null;
    void local
      .conversations()
      .then((stored) => {
        // The server may have answered first; its list wins.
        if (this.#local === local && this.source === null && stored.length > 0) this.#show(stored, 'device', this.state);
      })
      .catch((error: unknown) => console.warn('[flint] could not read the chat list on this device', error));
    void this.refresh();
    return () => {
      this.#local = null;
    };
  }

  #live(rt: RealtimeStore): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
    };
    let seenDown = false;
    const follow = this.options.followChats;
    const stops = [
      rt.subscribe(ServerEvent.NOTIFICATION, (n) => n.kind === 'match' && soon()),
      ...(follow ? [rt.subscribe(ServerEvent.CHAT_MESSAGE, soon), rt.subscribe(ServerEvent.CHAT_READ, soon)] : []),
      // Every (re)connect after a time without: whatever changed meanwhile. A socket already up
      // when the page opens needs nothing more than the opening refresh.
      rt.$connection.subscribe(({ status }) => {
        if (status !== 'connected') seenDown = true;
        else if (seenDown) soon();
      }),
    ];
    return () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }

  #show(list: ConversationSummary[], source: 'device' | 'server', state: ListState): void {
    this.list = list;
    this.source = source;
    this.state = state;
    this.host.requestUpdate();
  }
}
