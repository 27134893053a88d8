/** `t(locale, key, params)`: the element's one way to produce visible or announced text. */
import { en, type StringKey } from './en.ts';
import { es } from './es.ts';

export type { StringKey };
export type Locale = 'en' | 'es';
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

const TABLES: Record<Locale, Record<StringKey, string>> = { en, es };

/** The locale a `lang` value (e.g. `es-MX`) maps to; English when there is no translation. */
export const localeOf = (lang: string | null | undefined): Locale => (lang?.toLowerCase().startsWith('es') ? 'es' : 'en');

export function t(locale: Locale, key: StringKey, params: Record<string, string | number> = {}): string {
  const template = TABLES[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const translator =
  (locale: Locale): Translate =>
  (key, params) =>
    t(locale, key, params);
