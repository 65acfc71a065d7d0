/**
 * Main's own formatting of catalog messages (FormatJS `@formatjs/intl`), for the words main shows
 * itself: the menu and the browser's "return to the app" pages. Views for the renderer carry
 * messages unformatted (shared/i18n/text.ts); the renderer formats those.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { CATALOGS } from '../../shared/i18n/catalog';
import { isMessage, type Message, type Text } from '../../shared/i18n/text';
import type { Locale } from '../../shared/i18n/locales';

const cache = createIntlCache();
const intls = new Map<Locale, IntlShape<string>>();

function intlFor(locale: Locale): IntlShape<string> {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale, defaultLocale: 'en', messages: CATALOGS[locale] }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

function formatMessage(intl: IntlShape<string>, text: Message): string {
  const values = Object.fromEntries(Object.entries(text.values ?? {}).map(([name, value]) => [name, isMessage(value) ? formatMessage(intl, value) : value]));
  return intl.formatMessage({ id: text.id }, values);
}

/** `text` in `locale`: a catalog message formatted, the org's words as they are. */
export function formatText(text: Text, locale: Locale): string {
  return isMessage(text) ? formatMessage(intlFor(locale), text) : text;
}
