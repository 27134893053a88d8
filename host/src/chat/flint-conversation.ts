/**
 * `<flint-conversation>`: one conversation's messages and composer.
 *
 * Opens scrolled to the newest message and follows new ones while the user is at the bottom;
 * otherwise a "Jump to latest" button appears. Scrolling near the top loads older pages and keeps
 * the visible messages where they were. Own messages show pending → sent → delivered → read.
 * Shows what this device stored before any network answer; marks `flint-conversation` on the
 * performance timeline (`detail.source`: device or server) when the first messages are on screen.
 *
 * @csspart message - each message (`data-mine`, `data-status`, `data-seq`)
 * @cssproperty [--flint-chat-height=60vh] - height of the message list
 */

import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { $session } from '../session/session.ts';
import { conversationStyles } from './conversation.styles.ts';
import { ConversationController } from './conversation-controller.ts';
import './flint-composer.ts';
import { type MessageItem, type RefusedActions, renderMessage } from './message-view.ts';
import { statusOf } from './timeline.ts';

/** How close to an edge (px) counts as "at the bottom" or "near the top". */
const EDGE_PX = 48;

export class FlintConversation extends LitElement {
  static override styles = conversationStyles;

  @property() conversationId = '';
  @property() locale: Locale = 'en';
  /** The other member's display name, for the typing indicator. */
  @property() peerName = '';

  @consume({ context: realtimeContext, subscribe: true })
  @property({ attribute: false })
  realtime: RealtimeStore | null = null;

  @state() private me: string | null = null;
  @state() private atBottom = true;
  /** The refused message being edited (its clientId), if any. */
  @state() private editing: string | null = null;

  readonly #chat = new ConversationController(this);
  #unsubscribeSession?: () => void;
  /** Set before a render that may move content: how to restore or follow the scroll position. */
  #anchor: { fromBottom: number; lastKey: string | undefined; follow: boolean } | null = null;
  #scrolledOnOpen = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribeSession = $session.subscribe((s) => (this.me = s?.user.id ?? null));
    addEventListener('visibilitychange', this.#maybeRead);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribeSession?.();
    removeEventListener('visibilitychange', this.#maybeRead);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId')) this.#scrolledOnOpen = false;
    this.#chat.use(this.realtime, this.me, this.conversationId);
    const list = this.#list;
    if (list) {
      this.#anchor = {
        fromBottom: list.scrollHeight - list.scrollTop,
        lastKey: this.#items().at(-1)?.key,
        follow: this.#isAtBottom(list),
      };
    }
  }

  protected override updated(): void {
    const list = this.#list;
    const anchor = this.#anchor;
    this.#anchor = null;
    if (!list) return;
    const items = this.#items();
    const last = items.at(-1);
    if (!this.#scrolledOnOpen && this.#chat.state === 'ready') {
      this.#scrolledOnOpen = true;
      this.#toBottom();
      performance.mark('flint-conversation', { detail: { source: this.#chat.source, conversationId: this.conversationId } });
    } else if (anchor && last && last.key !== anchor.lastKey) {
      // Something new at the end: follow it if the user was at the bottom or it is their own.
      const own = last.item.kind === 'pending' || (last.item.kind === 'confirmed' && last.item.mine);
      if (anchor.follow || own) this.#toBottom();
      else this.atBottom = false;
    } else if (anchor) {
      // Older messages came in above (or nothing moved): keep the same distance from the bottom.
      list.scrollTop = list.scrollHeight - anchor.fromBottom;
    }
    this.#maybeRead();
    // Room left on screen: fill it with older messages (a detached list measures 0 × 0: no room).
    if (this.isConnected && this.#chat.hasOlder && list.clientHeight > 0 && list.scrollHeight <= list.clientHeight)
      void this.#chat.loadOlder();
  }

  override render() {
    const l = this.locale;
    if (this.#chat.state === 'forbidden') return html`<p role="alert">${t(l, 'chat.forbidden')}</p>`;
    const items = this.#items();
    const refused = this.#refused();
    return html`
      <div class="list" role="log" aria-label=${t(l, 'chat.messages')} tabindex="0" @scroll=${this.#onScroll}>
        ${
          this.#chat.state === 'loading'
            ? html`<p class="notice">${t(l, 'common.loading')}</p>`
            : this.#chat.hasOlder
              ? html`<p class="notice" aria-busy=${this.#chat.loadingOlder}>${t(l, 'chat.loadingOlder')}</p>`
              : html`<p class="notice">${t(l, items.length ? 'chat.start' : 'chat.empty')}</p>`
        }
        <ol>
          ${repeat(
            items,
            (i) => i.key,
            (i) => renderMessage(l, i.item, refused),
          )}
        </ol>
      </div>
      ${
        this.atBottom
          ? nothing
          : html`<button class="jump" type="button" @click=${() => this.#toBottom()}>${t(l, 'chat.jumpToLatest')}</button>`
      }
      <p class="typing" aria-live="polite">
        ${this.#chat.peerTyping ? t(l, 'chat.typing', { name: this.peerName || t(l, 'chat.someone') }) : nothing}
      </p>
      <flint-composer
        class="composer"
        .locale=${l}
        .label=${t(l, 'chat.composer')}
        .submitLabel=${t(l, 'chat.send')}
        .send=${this.#send}
        @input=${() => this.#chat.typed()}
      ></flint-composer>
    `;
  }

  /** Messages and pending messages, keyed by author and clientId so a pending one keeps its node when confirmed. */
  #items(): Array<{ key: string; item: MessageItem }> {
    const tl = this.#chat.timeline;
    return [
      ...tl.messages.map((m) => {
        const mine = m.senderId === tl.me;
        return { key: `${m.senderId}:${m.clientId}`, item: { kind: 'confirmed', message: m, mine, status: statusOf(tl, m) } as const };
      }),
      ...tl.pending.map((p) => ({ key: `${tl.me}:${p.clientId}`, item: { kind: 'pending', pending: p } as const })),
    ];
  }

  get #list(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.list') ?? null;
  }

  #isAtBottom(list: HTMLElement): boolean {
    return list.scrollHeight - list.scrollTop - list.clientHeight <= EDGE_PX;
  }

  #toBottom(): void {
    const list = this.#list;
    if (list) list.scrollTop = list.scrollHeight;
    this.atBottom = true;
    this.#maybeRead();
  }

  #onScroll = (event: Event) => {
    const list = event.currentTarget as HTMLElement;
    this.atBottom = this.#isAtBottom(list);
    if (list.scrollTop <= EDGE_PX) void this.#chat.loadOlder();
    this.#maybeRead();
  };

  /** Read means seen: the newest message is on screen in a visible tab. */
  #maybeRead = () => {
    if (this.atBottom && document.visibilityState === 'visible' && this.#chat.state === 'ready') this.#chat.markRead();
  };

  #send = (body: string) => this.#chat.send(body);

  #refused(): RefusedActions {
    return {
      editing: this.editing,
      edit: (clientId) => (this.editing = clientId),
      cancel: () => (this.editing = null),
      retry: async (clientId, body) => {
        await this.#chat.retry(clientId, body);
        this.editing = null;
      },
      remove: (clientId) => {
        if (this.editing === clientId) this.editing = null;
        void this.#chat.discard(clientId);
      },
    };
  }
}

const tag = 'flint-conversation';
if (!customElements.get(tag)) customElements.define(tag, FlintConversation);

declare global {
  interface HTMLElementTagNameMap {
    'flint-conversation': FlintConversation;
  }
}
