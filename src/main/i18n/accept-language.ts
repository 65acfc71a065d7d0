import type { Locale } from '../../shared/i18n/locales';

/** The `Accept-Language` for the org: the person's language first, English (the org's default) after it. */
export function acceptLanguage(locale: Locale): string {
  return locale === 'en' ? 'en' : `${locale}, en;q=0.5`;
}
