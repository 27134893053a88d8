/**
 * `/chat`: the user's conversations with presence, last message and unread count. Rendered from
 * this device's copy first (so it shows offline and at once), then from the server's answer.
 * Marks `flint-chat-list` (performance timeline, `detail.source` device or server) on its first rows.
 */

import type { ConversationSummary } from '@flint/shared';
import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { pathTo } from '../app/router.ts';
import { ChatListController } from '../chat/chat-list-controller.ts';
import { systemLineText } from '../chat/system-line.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { $session, type Session } from '../session/session.ts';
import { StoreBinding } from './bindings.ts';
import { pageStyles } from './page-styles.ts';
import { PresenceController, presenceDot } from './presence-controller.ts';

export class FlintChatListPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ul {
        margin: 0;
      }
      li {
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 0.25rem 0.75rem;
        align-items: center;
        padding: 0.75rem 0;
        border-bottom: 1px solid #e4dce8;
      }
      a {
        display: flex;
        align-items: center;
        min-height: 2.75rem;
        font-weight: 600;
      }
      .preview {
        grid-column: 2 / 4;
        margin: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .unread {
        background: #b3245c;
        color: #fff;
        border-radius: 999px;
        padding: 0 0.5rem;
        font-size: 0.85rem;
      }
    `,
  ];

  @property() locale: Locale = 'en';

  @consume({ context: realtimeContext, subscribe: true })
  @property({ attribute: false })
  realtime: RealtimeStore | null = null;

  private readonly session = new StoreBinding<Session | null>(this, null, $session);
  private readonly chats = new ChatListController(this);
  private readonly presence = new PresenceController(this);
  #marked = false;

  protected override willUpdate(): void {
    this.chats.use(this.session.value?.user.id ?? null, this.realtime);
    this.presence.use(
      this.realtime,
      (this.chats.list ?? []).map((c) => c.other.id),
    );
  }

  protected override updated(): void {
    if (this.#marked || !this.chats.list) return;
    this.#marked = true;
    performance.mark('flint-chat-list', { detail: { source: this.chats.source } });
  }

  override render() {
    const l = this.locale;
    return html`
      <h1>${t(l, 'chats.title')}</h1>
      ${
        this.chats.list
          ? this.renderList(this.chats.list)
          : this.chats.state === 'offline'
            ? html`<p role="alert">${t(l, 'common.loadFailed')}</p>`
            : html`<p>${t(l, 'common.loading')}</p>`
      }
    `;
  }

  private renderList(list: ConversationSummary[]) {
    const l = this.locale;
    if (list.length === 0) return html`<p>${t(l, 'chats.empty')}</p>`;
    return html`<ul>
      ${list.map((c) => {
        const last = c.lastMessage;
        return html`<li data-user=${c.other.username} data-conversation=${c.id}>
          ${presenceDot(l, this.presence.online(c.other.id))}
          <a href=${pathTo('chat', l, { conversationId: c.id })}>${c.other.displayName}</a>
          ${c.unread > 0 ? html`<span class="unread">${t(l, 'chats.unread', { count: c.unread })}</span>` : html`<span></span>`}
          <p class="preview muted">${last ? (last.system ? systemLineText(l, last.system) : last.body) : t(l, 'chats.noMessages')}</p>
        </li>`;
      })}
    </ul>`;
  }
}

const tag = 'flint-chat-list-page';
if (!customElements.get(tag)) customElements.define(tag, FlintChatListPage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-chat-list-page': FlintChatListPage;
  }
}
