/** The host's languages: English at `/…`, Spanish under `/es/…` (the router reads the prefix). */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
