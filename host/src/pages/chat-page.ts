/**
 * `/chat/:conversationId`: the conversation header (who, presence), "Start staged call", and the
 * conversation. The header comes from the same local-first list as `/chat`, so the page opens
 * from this device's copy before (or without) any network answer.
 */

import type { ConversationSummary } from '@flint/shared';
import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { pathTo } from '../app/router.ts';
import { ChatListController } from '../chat/chat-list-controller.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { $session, type Session } from '../session/session.ts';
import '../chat/flint-conversation.ts';
import { StoreBinding } from './bindings.ts';
import { pageStyles } from './page-styles.ts';
import { PresenceController, presenceDot } from './presence-controller.ts';
import { FlintStartCallEvent } from './start-call-event.ts';

/**
 * @fires flint-start-call - `{ matchId, conversationId }`, bubbling and composed.
 */
export class FlintChatPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
        border-bottom: 1px solid #e4dce8;
        padding-bottom: 0.75rem;
      }
      h1 {
        margin: 0;
        flex: 1;
      }
    `,
  ];

  @property() locale: Locale = 'en';
  @property() conversationId = '';

  @consume({ context: realtimeContext, subscribe: true })
  @property({ attribute: false })
  realtime: RealtimeStore | null = null;

  private readonly session = new StoreBinding<Session | null>(this, null, $session);
  /** There is no single-conversation endpoint: it is found in the user's (local-first) list. */
  private readonly chats = new ChatListController(this, { followChats: false });
  private readonly presence = new PresenceController(this);

  get #conversation(): ConversationSummary | undefined {
    return this.chats.list?.find((c) => c.id === this.conversationId);
  }

  protected override willUpdate(): void {
    this.chats.use(this.session.value?.user.id ?? null, this.realtime);
    const other = this.#conversation?.other;
    this.presence.use(this.realtime, other ? [other.id] : []);
  }

  override render() {
    const l = this.locale;
    const c = this.#conversation;
    if (c) return this.renderConversation(c);
    if (this.chats.state === 'ready') return this.renderNotFound();
    if (this.chats.state === 'offline') return html`<p role="alert">${t(l, 'chat.unavailableOffline')}</p>`;
    return html`<p>${t(l, 'common.loading')}</p>`;
  }

  private renderConversation(c: ConversationSummary) {
    const l = this.locale;
    const online = this.presence.online(c.other.id);
    return html`
      <header data-user=${c.other.username}>
        ${presenceDot(l, online)}
        <h1>${c.other.displayName}</h1>
        <button class="primary" type="button" @click=${() => this.startCall(c)}>${t(l, 'chat.startCall')}</button>
      </header>
      <flint-conversation .conversationId=${c.id} .locale=${l} .peerName=${c.other.displayName}></flint-conversation>
    `;
  }

  private renderNotFound() {
    const l = this.locale;
    return html`<h1>${t(l, 'chat.notFound')}</h1>
      <p><a href=${pathTo('chats', l)}>${t(l, 'chat.backToList')}</a></p>`;
  }

  private startCall(c: ConversationSummary): void {
    this.dispatchEvent(new FlintStartCallEvent({ matchId: c.matchId, conversationId: c.id }));
  }
}

const tag = 'flint-chat-page';
if (!customElements.get(tag)) customElements.define(tag, FlintChatPage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-chat-page': FlintChatPage;
  }
}
