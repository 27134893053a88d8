/**
 * A system line in a conversation (a missed or an ended date): not a message from either person, so
 * it renders centred, without a sender or a delivery status, in the reader's language from the data
 * the server stored (`ChatMessage.system`).
 */
import type { ChatMessage, ChatSystemLine } from '@flint/shared';
import { html } from 'lit';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';

/** "4 min 05 s", "42 s". */
function duration(locale: Locale, seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? t(locale, 'chat.system.minutes', { m, s: String(s).padStart(2, '0') }) : t(locale, 'chat.system.seconds', { s });
}

/** The line's words, e.g. "Missed staged date" or "Staged date: stage 2 of 3 · 4 min 05 s". */
export function systemLineText(locale: Locale, line: ChatSystemLine): string {
  if (line.type === 'call-missed') return t(locale, 'chat.system.missed');
  if (line.reason === 'declined' && line.stagesReached === 0) return t(locale, 'chat.system.declined');
  if (line.stagesReached === 0) return t(locale, 'chat.system.notStarted');
  return t(locale, 'chat.system.ended', {
    stage: line.stagesReached,
    stages: line.stages,
    duration: duration(locale, line.durationS),
  });
}

export function renderSystemLine(locale: Locale, message: ChatMessage & { system: ChatSystemLine }) {
  const time = new Date(message.createdAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return html`<li class="system" part="system-line" data-system=${message.system.type} data-seq=${message.seq}>
    <p class="body">${systemLineText(locale, message.system)}</p>
    <p class="meta"><time datetime=${message.createdAt}>${time}</time></p>
  </li>`;
}
