/**
 * `/chat/:conversationId`: the conversation header (who, presence) and "Start staged call".
 * The message list and composer come with the chat issue.
 */

import type { ConversationSummary } from '@flint/shared';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { api } from '../api/api.ts';
import { pathTo } from '../app/router.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import '../chat/flint-conversation.ts';
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

  /** There is no single-conversation endpoint yet: find it in the user's list. */
  private readonly conversation = new Task(this, {
    task: async ([id]: readonly [string]) => (await api.conversations()).find((c) => c.id === id) ?? null,
    args: () => [this.conversationId] as const,
  });

  private readonly presence = new PresenceController(this);

  protected override willUpdate(): void {
    const other = this.conversation.value?.other;
    this.presence.use(this.realtime, other ? [other.id] : []);
  }

  override render() {
    const l = this.locale;
    return this.conversation.render({
      pending: () => html`<p>${t(l, 'common.loading')}</p>`,
      error: () => html`<p role="alert">${t(l, 'common.loadFailed')}</p>`,
      complete: (c) => (c ? this.renderConversation(c) : this.renderNotFound()),
    });
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
