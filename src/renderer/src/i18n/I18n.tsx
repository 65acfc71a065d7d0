/**
 * The person's language for the whole renderer: react-intl (FormatJS) with the locale's catalog,
 * `lang` and `dir` on the document (Arabic is drawn right to left) and the window title.
 */
import { useLayoutEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { CATALOGS } from '../../../shared/i18n/catalog';
import { directionOf, PSEUDO_LOCALE, type DisplayLocale } from '../../../shared/i18n/locales';
import type { MessageId } from '../../../shared/i18n/text';
import { pseudoCatalog } from './pseudo';
import { useText } from './useText';

declare global {
  // react-intl checks every id the renderer asks for against the catalog.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}

export function I18n({ locale, children }: { locale: DisplayLocale; children: ReactNode }) {
  const messages = useMemo(() => (locale === PSEUDO_LOCALE ? pseudoCatalog(CATALOGS.en) : CATALOGS[locale]), [locale]);
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  return (
    // The pseudo-locale formats numbers and dates as English does.
    <IntlProvider locale={locale === PSEUDO_LOCALE ? 'en' : locale} defaultLocale="en" messages={messages}>
      <DocumentTitle />
      {children}
    </IntlProvider>
  );
}

function DocumentTitle() {
  const title = useText().t('app.name');
  useLayoutEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}

