/** The renderer's layout mirrors for right-to-left languages: CSS logical properties, never left/right. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const PHYSICAL = /(?:^|[\s;{])((?:margin|padding|border)-(?:left|right)[\w-]*|left|right|float|text-align)\s*:\s*([^;]*)/gm;

it('styles.css uses logical properties (inline-start/end), so Arabic is mirrored', () => {
  const css = readFileSync(resolve(import.meta.dirname, '../src/renderer/src/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const physical = [...css.matchAll(PHYSICAL)]
    .map(([, property, value]) => `${property}: ${value!.trim()}`)
    // Centred text and zero offsets read the same both ways.
    .filter((rule) => !/^text-align: center$|^(left|right): 0$/.test(rule));
  expect(physical).toEqual([]);
});
