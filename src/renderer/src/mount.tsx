import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopAuthApi } from '../../shared/contract';
import { CATALOGS } from '../../shared/i18n/catalog';
import { pickLocale, PSEUDO_LOCALE, type DisplayLocale } from '../../shared/i18n/locales';
import { App } from './App';
import { I18n } from './i18n/I18n';
import './styles.css';

/**
 * The language to draw in: `?lang=` (main sets it from the system's languages or the Language
 * menu; the preview takes it by hand), else the browser's own preferences.
 */
export function requestedLocale(search: string, browserLanguages: ReadonlyArray<string>): DisplayLocale {
  const asked = new URLSearchParams(search).get('lang');
  return pickLocale(asked ? [asked] : browserLanguages);
}

/** Starts the UI on a bridge; shared by the Electron renderer and the web preview. */
export function mountApp(container: HTMLElement | null, api: DesktopAuthApi | undefined): void {
  if (container === null) throw new Error('The page has no #root element.');
  const locale = requestedLocale(window.location.search, navigator.languages);
  if (api === undefined) {
    // Before React: the catalog's words as they are (the message has no arguments).
    container.textContent = CATALOGS[locale === PSEUDO_LOCALE ? 'en' : locale]['app.bridgeMissing'];
    return;
  }
  createRoot(container).render(
    <StrictMode>
      <I18n locale={locale}>
        <App api={api} />
      </I18n>
    </StrictMode>,
  );
}
