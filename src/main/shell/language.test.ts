import { describe, expect, it } from 'vitest';
import { resolveLanguage, withLanguage } from './language';

describe('resolveLanguage', () => {
  it('the person’s choice wins over the system', () => {
    expect(resolveLanguage('ar', ['de-DE', 'en-US'])).toBe('ar');
  });

  it('without a (valid) choice, the first system language the app speaks, else English', () => {
    expect(resolveLanguage(undefined, ['pt-BR', 'fr-FR', 'de'])).toBe('fr');
    expect(resolveLanguage('klingon', ['ja-JP'])).toBe('ja');
    expect(resolveLanguage(42, ['zh-CN'])).toBe('en');
    expect(resolveLanguage(undefined, [])).toBe('en');
  });

  it('never the pseudo-locale, whatever the system says', () => {
    expect(resolveLanguage(undefined, ['en-XA'])).toBe('en');
    expect(resolveLanguage('en-XA', ['de'])).toBe('de');
  });
});

describe('withLanguage', () => {
  it('sets ?lang= on the renderer URL, replacing one already there, keeping the rest', () => {
    expect(withLanguage('app://bundle/index.html', 'de')).toBe('app://bundle/index.html?lang=de');
    expect(withLanguage('http://localhost:5173/?lang=fr#x', 'ja')).toBe('http://localhost:5173/?lang=ja#x');
  });
});
