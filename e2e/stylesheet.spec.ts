/**
 * Every rule of the renderer's stylesheet reaches the page. A brace left open (an unclosed
 * @keyframes once swallowed every rule after it) makes the browser drop the rules that follow
 * without a word; this compares the selectors written in styles.css with the ones Chromium kept.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './support/fixtures';

const SOURCE = readFileSync(resolve(import.meta.dirname, '../src/renderer/src/styles.css'), 'utf8');

/** Each selector of each style rule in the source, normalised as Chromium writes selectors. */
function writtenSelectors(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  for (const match of withoutComments.matchAll(/(^|[{};])\s*([^{};@]+?)\s*\{/g)) {
    const prelude = match[2]!;
    if (/^(\d+%|from|to)$/.test(prelude)) continue; // keyframe steps are not style rules
    for (const part of prelude.split(',')) selectors.push(normalise(part));
  }
  return selectors;
}

const normalise = (selector: string) => selector.trim().replace(/\s+/g, ' ').replace(/'/g, '"');

test('every selector in styles.css is a rule the browser kept', async ({ app }) => {
  const kept = await app.evaluate(() => {
    const out: string[] = [];
    const walk = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule) out.push(...rule.selectorText.split(','));
        else if ('cssRules' in rule && !(rule instanceof CSSKeyframesRule)) walk((rule as CSSGroupingRule).cssRules);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) walk(sheet.cssRules);
    return out;
  });
  const keptSet = new Set(kept.map(normalise));
  const written = writtenSelectors(SOURCE);
  expect(written.length).toBeGreaterThan(80);
  expect(written.filter((selector) => !keptSet.has(selector))).toEqual([]);
});
