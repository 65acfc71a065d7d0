import { createIntl } from '@formatjs/intl';
import { describe, expect, it, vi } from 'vitest';
import { formatText } from './format';
import { CATALOGS } from '../../shared/i18n/catalog';
import { message } from '../../shared/i18n/text';

// The real createIntl, watched: how often a formatter is built, and with what.
vi.mock('@formatjs/intl', async (importOriginal) => {
  const real = await importOriginal<typeof import('@formatjs/intl')>();
  return { ...real, createIntl: vi.fn(real.createIntl) };
});

describe('formatText', () => {
  it('formats a catalog message in the locale, with plurals and nested messages', () => {
    expect(formatText(message('signIn.submit'), 'de')).toBe('Anmelden');
    expect(formatText(message('time.seconds', { count: 1 }), 'en')).toBe('1 second');
    expect(formatText(message('time.seconds', { count: 5 }), 'en')).toBe('5 seconds');
    expect(formatText(message('signIn.retryIn', { duration: message('time.minutes', { count: 2 }) }), 'fr')).toBe('Vous pourrez réessayer dans 2 minutes.');
    expect(formatText(message('time.seconds', { count: 2 }), 'ar')).toBe('ثانيتين');
  });

  it('shows the org’s words as they are', () => {
    expect(formatText('Authentication failed', 'de')).toBe('Authentication failed');
  });

  it('builds one formatter per locale, English its default, and reuses it for every message after', () => {
    // 'es' and 'ja' are formatted nowhere else in this file.
    const builtFor = (locale: string) => vi.mocked(createIntl).mock.calls.filter(([config]) => config.locale === locale);
    expect(builtFor('es')).toEqual([]);
    expect(formatText(message('signIn.submit'), 'es')).toBe(formatText(message('signIn.submit'), 'es'));
    formatText(message('time.seconds', { count: 3 }), 'es');
    formatText(message('time.seconds', { count: 3 }), 'ja');
    expect(builtFor('es')).toEqual([[{ locale: 'es', defaultLocale: 'en', messages: CATALOGS.es }, expect.anything()]]);
    expect(builtFor('ja')).toHaveLength(1);
    formatText(message('signIn.submit'), 'ja');
    expect(builtFor('ja')).toHaveLength(1);
  });
});
