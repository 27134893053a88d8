/**
 * What a push message becomes on screen, as pure functions (no worker globals, so they are
 * unit-tested in Node). The server sends data only (kind, session id, the caller's first name);
 * the words are the worker's, in the language the person last used the app in, else the browser's.
 */
import type { CallPushMessage } from '@flint/shared';

export type PushLocale = 'en' | 'es';

const TEXT: Record<PushLocale, { title: (name: string) => string; body: string; fallbackName: string }> = {
  en: { title: (name) => `Incoming date from ${name}`, body: 'Open Flint to answer.', fallbackName: 'your match' },
  es: { title: (name) => `Cita entrante de ${name}`, body: 'Abre Flint para contestar.', fallbackName: 'tu match' },
};

/** The app's route language if known, else the first of the browser's languages Flint speaks, else English. */
export function pushLocale(remembered: string | null, languages: readonly string[]): PushLocale {
  if (remembered === 'en' || remembered === 'es') return remembered;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'es') return base;
  }
  return 'en';
}

/** The message, if it is one this worker knows; anything else is ignored (never shown as given). */
export function parsePushMessage(data: unknown): CallPushMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { kind, sessionId, from } = data as Record<string, unknown>;
  if (kind !== 'call' || typeof sessionId !== 'string' || !/^[0-9a-f-]{36}$/i.test(sessionId) || typeof from !== 'string') return null;
  // A name is shown on a lock screen: no control or bidi-override characters, bounded.
  const name = from
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
    .slice(0, 40);
  return { kind, sessionId, from: name };
}

export interface ShownNotification {
  title: string;
  options: NotificationOptions & { requireInteraction: boolean; data: { url: string; sessionId: string } };
}

/**
 * The system notification for an incoming call: one per session (its tag), kept until acted on
 * (a ring), and a click opens the chats in the person's language, where the call resumes.
 */
export function callNotification(message: CallPushMessage, locale: PushLocale): ShownNotification {
  const text = TEXT[locale];
  return {
    title: text.title(message.from || text.fallbackName),
    options: {
      body: text.body,
      tag: `flint-call-${message.sessionId}`,
      requireInteraction: true,
      data: { url: locale === 'es' ? '/es/chat' : '/chat', sessionId: message.sessionId },
    },
  };
}
