/**
 * One message as list markup. A template function, not an element: the conversation measures its
 * scroll height right after rendering, which must already include every message (a child element
 * would render a microtask later). Own messages carry their status as text and `data-status`.
 */

import type { ChatMessage } from '@flint/shared';
import { html } from 'lit';
import type { Locale } from '../i18n/locale.ts';
import { type StringKey, t } from '../i18n/strings.ts';
import { MessageStatus, type PendingMessage } from './timeline.ts';

const STATUS_TEXT: Record<MessageStatus, StringKey> = {
  pending: 'chat.status.pending',
  sent: 'chat.status.sent',
  delivered: 'chat.status.delivered',
  read: 'chat.status.read',
  failed: 'chat.status.failed',
};

export type MessageItem =
  | { kind: 'confirmed'; message: ChatMessage; mine: boolean; status: MessageStatus }
  | { kind: 'pending'; pending: PendingMessage };

export function renderMessage(locale: Locale, item: MessageItem) {
  const body = item.kind === 'confirmed' ? item.message.body : item.pending.body;
  const at = item.kind === 'confirmed' ? item.message.createdAt : item.pending.createdAt;
  const mine = item.kind === 'pending' || item.mine;
  const status = item.kind === 'confirmed' ? item.status : item.pending.error ? MessageStatus.FAILED : MessageStatus.PENDING;
  const reason = item.kind === 'pending' ? (item.pending.error ?? '') : '';
  const time = new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return html`<li
    class="message ${mine ? 'mine' : 'theirs'}"
    part="message"
    data-mine=${mine ? 'true' : 'false'}
    data-status=${mine ? status : 'received'}
    data-seq=${item.kind === 'confirmed' ? item.message.seq : ''}
  >
    <p class="body">${body}</p>
    <p class="meta">
      <time datetime=${at}>${time}</time>
      ${mine ? html`<span class="status">${t(locale, STATUS_TEXT[status], { reason })}</span>` : null}
    </p>
  </li>`;
}
