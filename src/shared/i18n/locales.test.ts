import { describe, expect, it } from 'vitest';
import { directionOf, isLocale, LOCALE_NAMES, LOCALES, pickLocale, PSEUDO_LOCALE } from './locales';

describe('pickLocale', () => {
  it('takes the first preferred language the app speaks, by its language subtag', () => {
    expect(pickLocale(['de-CH', 'en-US'])).toBe('de');
    expect(pickLocale(['pt-BR', 'fr_CA', 'de'])).toBe('fr');
    expect(pickLocale(['AR-EG'])).toBe('ar');
    expect(pickLocale(['ja'])).toBe('ja');
    expect(pickLocale(['es-419'])).toBe('es');
  });

  it('falls back to English when none is spoken, or nothing is preferred', () => {
    expect(pickLocale(['pt-BR', 'zh-Hans'])).toBe('en');
    expect(pickLocale([])).toBe('en');
    expect(pickLocale([''])).toBe('en');
  });

  it('keeps the pseudo-locale, in any case', () => {
    expect(pickLocale(['en-XA'])).toBe(PSEUDO_LOCALE);
    expect(pickLocale(['en-xa', 'de'])).toBe(PSEUDO_LOCALE);
    expect(pickLocale(['en-GB', 'en-XA'])).toBe('en');
  });
});

describe('locales', () => {
  it('Arabic alone is right to left', () => {
    expect(LOCALES.filter((locale) => directionOf(locale) === 'rtl')).toEqual(['ar']);
    expect(directionOf(PSEUDO_LOCALE)).toBe('ltr');
  });

  it('knows its own locales only, each with its name in itself', () => {
    expect(LOCALES.every(isLocale)).toBe(true);
    expect([isLocale('en-XA'), isLocale('pt'), isLocale(undefined), isLocale(3)]).toEqual([false, false, false, false]);
    expect(LOCALE_NAMES).toEqual({ en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ja: '日本語', ar: 'العربية' });
  });
});
