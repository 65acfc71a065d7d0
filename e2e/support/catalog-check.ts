/**
 * The pseudo-locale check: on a page drawn in `en-XA`, every word must sit inside the catalog's
 * ⟦…⟧ markers, except the org's words and the user's data (every string the bridge delivered),
 * Intl-formatted dates (<time>) and what is marked not to be translated (`translate="no"`: the
 * user's initials). No text may be clipped or overflow its box, and the page may
 * not scroll sideways.
 */
import { expect, type Page } from '@playwright/test';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../src/renderer/src/i18n/pseudo';
import { EVENTS } from '../../src/shared/contract';
import type { BridgeRecorder } from './fixtures';

/** The page's URL in another language: `?lang=` before the fragment that carries the bridge token. */
export function inLanguage(previewUrl: string, lang: string): string {
  const url = new URL(previewUrl);
  url.searchParams.set('lang', lang);
  return url.toString();
}

/** Every string in the JSON bodies: the org's words and the user's data. */
function stringsOf(bodies: readonly string[]): Set<string> {
  const strings = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      strings.add(value);
      // The setup key is shown in groups of four, as authenticator apps show it.
      if (/^[A-Z2-7]{16,}$/.test(value)) strings.add(value.match(/.{1,4}/g)!.join(' '));
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  for (const body of bodies) collect(JSON.parse(body));
  return strings;
}

/**
 * What the bridge delivered to this page: the answers the `bridge` fixture records, and the views
 * main pushes over server-sent events (the page hands each one to a hook). Call before the page loads.
 */
export async function recordDeliveredStrings(page: Page, bridge: BridgeRecorder): Promise<() => Promise<ReadonlySet<string>>> {
  const pushed: string[] = [];
  await page.exposeFunction('__deliveredView', (json: string) => void pushed.push(json));
  await page.addInitScript((eventName) => {
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener(eventName, (event) => void (window as unknown as { __deliveredView(json: string): void }).__deliveredView((event as MessageEvent<string>).data));
      }
    } as typeof EventSource;
  }, EVENTS.stateChanged);
  return async () => stringsOf([...(await bridge.responses()), ...pushed]);
}

interface PageText {
  readonly texts: string[];
  readonly overflowing: string[];
}

/** What the page shows a person (text, accessible names, alt text, title) and what does not fit. */
function readPage(): PageText {
  const texts: string[] = [document.title];
  const skip = (node: Node) => node.parentElement?.closest('script, style, time, [translate="no"]') !== null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let body = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!skip(node)) body += node.nodeValue;
  texts.push(body);
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    for (const attribute of ['aria-label', 'alt', 'title', 'placeholder', 'aria-description']) {
      const value = element.getAttribute(attribute);
      if (value) texts.push(value);
    }
  }
  const overflowing: string[] = [];
  if (document.documentElement.scrollWidth > window.innerWidth) overflowing.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`);
  for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
    // Visually hidden text is 1 px wide on purpose (it is for screen readers).
    if (['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'IMG', 'svg'].includes(element.tagName) || element.clientWidth === 0 || element.closest('.visually-hidden')) continue;
    const style = getComputedStyle(element);
    const wide = element.scrollWidth - element.clientWidth > 1;
    const clippedTall = style.overflowY !== 'visible' && element.scrollHeight - element.clientHeight > 1;
    if (wide || clippedTall) overflowing.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ${wide ? `${element.scrollWidth} > ${element.clientWidth} wide` : `${element.scrollHeight} > ${element.clientHeight} tall`}: "${element.textContent?.trim().slice(0, 60)}"`);
  }
  return { texts, overflowing };
}

const BRACKETED = new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_OPEN}${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'gu');
/** What may be left once the catalog's messages and the delivered strings are taken out. */
const NO_WORDS = /^[\s\p{P}\p{S}\d]*$/u;

/** The words of `texts` that are neither inside the catalog's markers nor one of `delivered`. */
export function wordsOutsideCatalog(texts: readonly string[], delivered: ReadonlySet<string>): string[] {
  // Longest first, so a string inside another does not break it up.
  const allowed = [...delivered].filter((s) => s.trim() !== '').sort((a, b) => b.length - a.length);
  return texts.flatMap((text) => {
    let rest = text;
    // Inner messages (a message's values) first, then the ones around them.
    for (let previous = ''; previous !== rest; ) [previous, rest] = [rest, rest.replace(BRACKETED, ' ')];
    for (const value of allowed) rest = rest.split(value).join(' ');
    return NO_WORDS.test(rest) ? [] : [rest.replace(/\s+/g, ' ').trim()];
  });
}

/** Fails on the words on the page that are neither the catalog's nor delivered, and on what overflows. */
export async function expectEveryWordFromCatalog(page: Page, delivered: () => Promise<ReadonlySet<string>>, screen: string): Promise<void> {
  const { texts, overflowing } = await page.evaluate(readPage);
  expect(wordsOutsideCatalog(texts, await delivered()), `${screen}: words not from the catalog`).toEqual([]);
  expect(overflowing, `${screen}: clipped or overflowing text`).toEqual([]);
}

/** Fails on clipped or overflowing text, and on a page that scrolls sideways (any language). */
export async function expectNothingClipped(page: Page, screen: string): Promise<void> {
  const { overflowing } = await page.evaluate(readPage);
  expect(overflowing, `${screen}: clipped or overflowing text`).toEqual([]);
}
