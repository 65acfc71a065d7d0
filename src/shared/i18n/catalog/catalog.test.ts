/**
 * Every locale says everything English says, with the same ICU arguments, and plurals with every
 * category the language has (Arabic: zero, one, two, few, many, other).
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from './index';
import { LOCALES } from '../locales';

/** Each argument of a message as `name:kind`, sorted, from every branch of its plurals and selects. */
function argumentsOf(elements: ReadonlyArray<MessageFormatElement>, into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) into.add(`${element.value}:argument`);
    if (element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(`${element.value}:${TYPE[element.type]}`);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) {
      into.add(`${element.value}:tag`);
      argumentsOf(element.children, into);
    }
  }
  return into;
}

/** The plural categories each plural of a message is missing in `locale`. */
function missingCategories(elements: ReadonlyArray<MessageFormatElement>, categories: ReadonlyArray<string>): string[] {
  return elements.flatMap((element) => {
    if (element.type !== TYPE.plural && element.type !== TYPE.select) return element.type === TYPE.tag ? missingCategories(element.children, categories) : [];
    const inner = Object.values(element.options).flatMap((option) => missingCategories(option.value, categories));
    if (element.type === TYPE.select) return inner;
    return [...categories.filter((category) => !(category in element.options)).map((category) => `${element.value}: ${category}`), ...inner];
  });
}

const english = CATALOGS.en;

/**
 * Where an English message departs from the catalog's style: US spelling, and the typographic
 * apostrophe (’) in words. A straight one there is also ICU's quote character, which swallows
 * what follows it when a brace comes next; it is kept only for that quoting ('{'…'}').
 */
const BRITISH = /\b(organis|authoris|recognis|cancell|colour|favour|behaviour|centre|whilst)/i;
function styleSlips(text: string): string[] {
  return [...(text.match(BRITISH) ?? []).slice(0, 1).map((word) => `British spelling "${word}"`), ...(/\p{L}'\p{L}/u.test(text) ? ['straight apostrophe in a word'] : [])];
}

describe('message catalogs', () => {
  it('English messages all parse, and none is empty', () => {
    for (const [id, text] of Object.entries(english)) {
      expect(text.trim(), id).not.toBe('');
      expect(() => parse(text), id).not.toThrow();
    }
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    describe(locale, () => {
      const catalog: Readonly<Record<string, string>> = CATALOGS[locale];

      it('has exactly the English ids', () => {
        expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
      });

      it('uses the same ICU arguments as English in every message', () => {
        const differing = Object.entries(english).flatMap(([id, text]) => {
          const theirs = catalog[id];
          if (theirs === undefined) return [];
          const mine = [...argumentsOf(parse(text))].sort();
          const translated = [...argumentsOf(parse(theirs))].sort();
          return JSON.stringify(mine) === JSON.stringify(translated) ? [] : [`${id}: ${mine.join(' ')} ≠ ${translated.join(' ')}`];
        });
        expect(differing).toEqual([]);
      });

      it('gives every plural each category the language has', () => {
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        const missing = Object.entries(catalog).flatMap(([id, text]) => missingCategories(parse(text), categories).map((gap) => `${id} ${gap}`));
        expect(missing).toEqual([]);
      });
    });
  }

  it('English is in US spelling with typographic apostrophes', () => {
    // The check itself can fail: it finds each slip in a sample.
    expect(styleSlips("The organisation's sign-in was cancelled.")).toEqual(['British spelling "organis"', 'straight apostrophe in a word']);
    expect(styleSlips("must hold '{'\"a\": 1'}' as the organization’s")).toEqual([]);
    const slips = Object.entries(english).flatMap(([id, text]) => styleSlips(text).map((slip) => `${id}: ${slip}`));
    expect(slips).toEqual([]);
  });

  it('English plurals have one and other', () => {
    const missing = Object.entries(english).flatMap(([id, text]) => missingCategories(parse(text), ['one', 'other']).map((gap) => `${id} ${gap}`));
    expect(missing).toEqual([]);
  });
});
