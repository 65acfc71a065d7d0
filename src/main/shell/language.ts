/**
 * Which language the app speaks, without Electron: the person's choice in the Language menu when
 * they made one, otherwise the first of the system's preferred languages that the app speaks.
 */
import { isLocale, pickLocale, PSEUDO_LOCALE, type Locale } from '../../shared/i18n/locales';

/** `saved`: what the settings file holds (anything: it may be old or edited by hand). */
export function resolveLanguage(saved: unknown, systemLanguages: ReadonlyArray<string>): Locale {
  if (isLocale(saved)) return saved;
  const picked = pickLocale(systemLanguages);
  // The pseudo-locale is for the preview's checks, never the desktop app's language.
  return picked === PSEUDO_LOCALE ? 'en' : picked;
}

/** The renderer's URL with the language it draws in (`?lang=`, read by renderer/src/mount.tsx). */
export function withLanguage(url: string, locale: Locale): string {
  const parsed = new URL(url);
  parsed.searchParams.set('lang', locale);
  return parsed.toString();
}
