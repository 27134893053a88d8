/** `/chat`: the user's conversations with presence, last message and unread count. */

import type { ConversationSummary, FlintNotification } from '@flint/shared';
import { ServerEvent } from '@flint/shared';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { api } from '../api/api.ts';
import { pathTo } from '../app/router.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { SourceEffect } from './bindings.ts';
import { pageStyles } from './page-styles.ts';
import { PresenceController, presenceDot } from './presence-controller.ts';

/** Coalesces a burst of chat events into one list reload. */
const RELOAD_DEBOUNCE_MS = 150;

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

  private readonly conversations = new Task(this, {
    task: () => api.conversations(),
    args: () => [],
  });

  private readonly presence = new PresenceController(this);

  /**
   * The list follows the server live: a new match adds a conversation; a message or a read receipt
   * changes a last message, an unread count and the order. Bursts coalesce into one reload.
   */
  private readonly onChange = new SourceEffect<RealtimeStore>(this, (rt) => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      clearTimeout(pending);
      pending = setTimeout(() => void this.conversations.run(), RELOAD_DEBOUNCE_MS);
    };
    const stops = [
      rt.subscribe(ServerEvent.NOTIFICATION, (payload: unknown) => {
        if ((payload as FlintNotification).kind === 'match') reload();
      }),
      rt.subscribe(ServerEvent.CHAT_MESSAGE, reload),
      rt.subscribe(ServerEvent.CHAT_READ, reload),
    ];
    return () => {
      clearTimeout(pending);
      for (const stop of stops) stop();
    };
  });

  protected override willUpdate(): void {
    this.onChange.use(this.realtime);
    this.presence.use(
      this.realtime,
      (this.conversations.value ?? []).map((c) => c.other.id),
    );
  }

  override render() {
    const l = this.locale;
    return html`
      <h1>${t(l, 'chats.title')}</h1>
      ${this.conversations.render({
        initial: () => html`<p>${t(l, 'common.loading')}</p>`,
        pending: () => (this.conversations.value ? this.renderList(this.conversations.value) : html`<p>${t(l, 'common.loading')}</p>`),
        error: () => html`<p role="alert">${t(l, 'common.loadFailed')}</p>`,
        complete: (list) => this.renderList(list),
      })}
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
          <p class="preview muted">${last ? last.body : t(l, 'chats.noMessages')}</p>
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
