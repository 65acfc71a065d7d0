/**
 * The pseudo-locale (`en-XA`): every English message accented, about 35% longer and in brackets,
 * with its ICU arguments, plurals and selects intact. A string on screen without the brackets did
 * not come from the catalog; a layout that breaks here breaks in German too.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);

/** How much longer than English a translation may be: German runs about a third longer. */
const EXPANSION = 0.35;

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const accent = (text: string): string => [...text].map((c) => ACCENTED[c] ?? c).join('');

function literalLength(elements: ReadonlyArray<MessageFormatElement>): number {
  return elements.reduce((sum, element) => sum + (element.type === TYPE.literal ? element.value.length : 0), 0);
}

function transform(elements: ReadonlyArray<MessageFormatElement>): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: accent(element.value) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: transform(option.value) }])),
        };
      case TYPE.tag:
        return { ...element, children: transform(element.children) };
      default:
        return element;
    }
  });
}

/** One English message in the pseudo-locale, as the parsed form react-intl formats. */
export function pseudoMessage(english: string): MessageFormatElement[] {
  const parsed = parse(english);
  const padding = '·'.repeat(Math.ceil(literalLength(parsed) * EXPANSION));
  return [{ type: TYPE.literal, value: PSEUDO_OPEN }, ...transform(parsed), { type: TYPE.literal, value: padding + PSEUDO_CLOSE }];
}

export function pseudoCatalog(english: Readonly<Record<string, string>>): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(Object.entries(english).map(([id, text]) => [id, pseudoMessage(text)]));
}
