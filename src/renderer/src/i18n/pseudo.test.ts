import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { pseudoCatalog, pseudoMessage, PSEUDO_CLOSE, PSEUDO_OPEN } from './pseudo';

const format = (english: string, values?: Record<string, string | number>) => String(new IntlMessageFormat(pseudoMessage(english), 'en').format(values));

describe('the pseudo-locale', () => {
  it('accents every letter, brackets the message and pads it by about a third of its letters', () => {
    expect(format('Sign in')).toBe(`${PSEUDO_OPEN}Šîĝñ îñ···${PSEUDO_CLOSE}`);
    expect(format('Abc XYZ')).toBe(`${PSEUDO_OPEN}Åƀç ẊÝŽ···${PSEUDO_CLOSE}`);
  });

  it('keeps arguments, plurals and # working, with their words accented', () => {
    expect(format('Welcome, {name}', { name: 'Alice' })).toBe(`${PSEUDO_OPEN}Ŵéļçöɱé, Alice····${PSEUDO_CLOSE}`);
    const plural = '{count, plural, one {# day} other {# days}}';
    expect(format(plural, { count: 1 })).toBe(`${PSEUDO_OPEN}1 đåý${PSEUDO_CLOSE}`);
    expect(format(plural, { count: 3 })).toBe(`${PSEUDO_OPEN}3 đåýš${PSEUDO_CLOSE}`);
    expect(format('Pick {kind, select, a {one} other {any}}', { kind: 'a' })).toBe(`${PSEUDO_OPEN}Þîçķ öñé··${PSEUDO_CLOSE}`);
  });

  it('keeps quoted braces literal', () => {
    expect(format("like '{'x'}'")).toBe(`${PSEUDO_OPEN}ļîķé {ẋ}···${PSEUDO_CLOSE}`);
  });

  it('turns a whole catalog, id by id', () => {
    expect(Object.keys(pseudoCatalog({ a: 'A', b: 'B {x}' }))).toEqual(['a', 'b']);
  });
});
