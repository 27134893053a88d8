/**
 * One message as list markup. A template function, not an element: the conversation measures its
 * scroll height right after rendering, which must already include every message (a child element
 * would render a microtask later). Own messages carry their status as text and `data-status`; a
 * message the server refused for good says why and offers Edit (an inline composer that sends it
 * again) and Delete.
 */

import { type ChatMessage, type ErrorBody, ErrorCode } from '@flint/shared';
import { html, nothing } from 'lit';
import type { Locale } from '../i18n/locale.ts';
import { type StringKey, t } from '../i18n/strings.ts';
import { renderSystemLine } from './system-line.ts';
import { MessageStatus, type PendingMessage } from './timeline.ts';
import './flint-composer.ts';

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

/** What the user can do with a refused message; `editing` is the clientId being edited, if any. */
export interface RefusedActions {
  editing: string | null;
  edit(clientId: string): void;
  cancel(): void;
  retry(clientId: string, body: string): Promise<void>;
  remove(clientId: string): void;
}

/** Why the server refused a message, in the user's words. */
export function refusalText(locale: Locale, error: ErrorBody): string {
  if (error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.NOT_FOUND) return t(locale, 'chat.refused.forbidden');
  if (error.code === ErrorCode.UNAUTHORIZED) return t(locale, 'chat.refused.unauthorized');
  return t(locale, 'chat.refused.other', { message: error.message });
}

export function renderMessage(locale: Locale, item: MessageItem, actions?: RefusedActions) {
  if (item.kind === 'confirmed' && item.message.system) return renderSystemLine(locale, { ...item.message, system: item.message.system });
  const body = item.kind === 'confirmed' ? item.message.body : item.pending.body;
  const at = item.kind === 'confirmed' ? item.message.createdAt : item.pending.createdAt;
  const mine = item.kind === 'pending' || item.mine;
  const error = item.kind === 'pending' ? item.pending.error : undefined;
  const status = item.kind === 'confirmed' ? item.status : error ? MessageStatus.FAILED : MessageStatus.PENDING;
  const reason = error ? refusalText(locale, error) : '';
  const time = new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const editing = item.kind === 'pending' && actions?.editing === item.pending.clientId;
  return html`<li
    class="message ${mine ? 'mine' : 'theirs'}"
    part="message"
    data-mine=${mine ? 'true' : 'false'}
    data-status=${mine ? status : 'received'}
    data-seq=${item.kind === 'confirmed' ? item.message.seq : ''}
  >
    ${editing ? renderEditor(locale, (item as { pending: PendingMessage }).pending, actions!) : html`<p class="body">${body}</p>`}
    <p class="meta">
      <time datetime=${at}>${time}</time>
      ${mine ? html`<span class="status">${t(locale, STATUS_TEXT[status], { reason })}</span>` : null}
    </p>
    ${error && actions && !editing ? renderRefusedActions(locale, (item as { pending: PendingMessage }).pending, actions) : nothing}
  </li>`;
}

function renderRefusedActions(locale: Locale, pending: PendingMessage, actions: RefusedActions) {
  return html`<p class="actions">
    <button type="button" @click=${() => actions.edit(pending.clientId)}>${t(locale, 'chat.edit')}</button>
    <button type="button" @click=${() => actions.remove(pending.clientId)}>${t(locale, 'chat.delete')}</button>
  </p>`;
}

function renderEditor(locale: Locale, pending: PendingMessage, actions: RefusedActions) {
  return html`<flint-composer
    .locale=${locale}
    .label=${t(locale, 'chat.editLabel')}
    .submitLabel=${t(locale, 'chat.sendAgain')}
    .value=${pending.body}
    cancellable
    .send=${(body: string) => actions.retry(pending.clientId, body)}
    @flint-compose-cancel=${() => actions.cancel()}
  ></flint-composer>`;
}
