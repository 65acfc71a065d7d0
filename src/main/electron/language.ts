/**
 * The language in Electron: the system's preferred languages (`app.getPreferredSystemLanguages()`)
 * and the person's choice from the Language menu, remembered in a plain electron-store file
 * (`settings.json`: not a secret, so not in the encrypted vault). Thin: the rule is
 * shell/language.ts.
 */
import Store from 'electron-store';
import { app } from 'electron';
import { isLocale, type Locale } from '../../shared/i18n/locales';
import { resolveLanguage } from '../shell/language';

export interface LanguageSetting {
  /** The language now: the choice if any, else the system's. */
  current(): Locale;
  /** The person's choice; undefined means "the same as the system". */
  chosen(): Locale | undefined;
  choose(locale: Locale | undefined): void;
}

export function createLanguageSetting(): LanguageSetting {
  // Created here, not at import: electron-store needs the app's paths.
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  const chosen = (): Locale | undefined => {
    const saved = store.get('language');
    return isLocale(saved) ? saved : undefined;
  };
  return {
    current: () => resolveLanguage(chosen(), app.getPreferredSystemLanguages()),
    chosen,
    choose: (locale) => (locale === undefined ? store.delete('language') : store.set('language', locale)),
  };
}
