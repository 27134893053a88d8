/**
 * UI strings by locale. Every visible string goes through `t()` so translations live in one place.
 * Missing keys fall back to English.
 */
import type { Locale } from '../app/router.ts';

const en = {
  'nav.home': 'Home',
  'nav.swipe': 'Swipe',
  'nav.chat': 'Chats',
  'nav.live': 'Live',
  'nav.profile': 'Profile',
  'nav.admin': 'Admin',
  'nav.signOut': 'Sign out',
  'calls.unavailable': 'Calls are unavailable right now. Everything else still works.',
  'connection.offline': 'Offline: reconnecting…',
  'toast.dismiss': 'Dismiss',
  'toast.open': 'Open',
} as const;

export type StringKey = keyof typeof en;

const es: Partial<Record<StringKey, string>> = {
  'nav.home': 'Inicio',
  'nav.swipe': 'Deslizar',
  'nav.chat': 'Chats',
  'nav.live': 'En vivo',
  'nav.profile': 'Perfil',
  'nav.admin': 'Admin',
  'nav.signOut': 'Cerrar sesión',
  'calls.unavailable': 'Las llamadas no están disponibles ahora. Todo lo demás funciona.',
  'connection.offline': 'Sin conexión: reconectando…',
  'toast.dismiss': 'Cerrar',
  'toast.open': 'Abrir',
};

const tables: Record<Locale, Partial<Record<StringKey, string>>> = { en, es };

export function t(locale: Locale, key: StringKey, vars: Record<string, string | number> = {}): string {
  const text = tables[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
