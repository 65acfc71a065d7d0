/**
 * The languages the app speaks, and which one a person gets from the languages they prefer
 * (the system's list, or their choice in the Language menu). Data and pure functions only.
 */

/** English first: the source language, and the fallback. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Accented, longer and bracketed English, generated from the English catalog: every string of
 * the app shows its markers, so a string that does not is not from the catalog. Never offered in
 * the menu; the preview takes it as `?lang=en-XA`.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type DisplayLocale = Locale | typeof PSEUDO_LOCALE;

/** Each language's name in itself, for the Language menu. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  ja: '日本語',
  ar: 'العربية',
};

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set<Locale>(['ar']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as ReadonlyArray<string>).includes(value);
}

/**
 * The first of `preferred` (BCP 47 tags, best first, e.g. `['de-CH', 'en-US']`) that the app
 * speaks, matched on the language subtag; English when none is. `en-XA` stays the pseudo-locale.
 */
export function pickLocale(preferred: ReadonlyArray<string>): DisplayLocale {
  for (const tag of preferred) {
    if (tag.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
    const language = tag.split(/[-_]/)[0]?.toLowerCase();
    if (isLocale(language)) return language;
  }
  return 'en';
}

export function directionOf(locale: DisplayLocale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}
