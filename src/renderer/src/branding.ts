import { useEffect, useState } from 'react';
import type { Branding, DesktopAuthApi } from '../../shared/contract';

/**
 * The org's look (main has it from the configuration; the logo may take a moment): asked for once
 * the app is `configured`, which is at launch or after "Check again" found usable settings.
 */
export function useBranding(api: DesktopAuthApi, configured: boolean): Branding {
  const [branding, setBranding] = useState<Branding>({});
  useEffect(() => {
    if (!configured) return;
    let live = true;
    void api.getBranding().then((result) => {
      if (live && result.ok) setBranding(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, configured]);
  return branding;
}

/** Whether the person's system asks for dark colours, following changes. */
export function usePrefersDark(): boolean {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const update = () => setDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [query]);
  return dark;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The card's colour in each scheme (styles.css `--surface`). */
const SURFACE = { light: '#ffffff', dark: '#1f2229' } as const;

/**
 * The CSS variables that make the org's colour the app's accent, when it can be read as text on
 * the card in this scheme (4.5:1, WCAG AA); otherwise the app keeps its own accent there, so a
 * brand colour never makes a link or a focus ring unreadable. Button text is white or near-black,
 * whichever reads better on it.
 */
export function accentVariables(accent: string | undefined, dark: boolean): Record<string, string> | undefined {
  if (accent === undefined || !/^#[0-9a-f]{6}$/i.test(accent)) return undefined;
  if (contrast(accent, dark ? SURFACE.dark : SURFACE.light) < 4.5) return undefined;
  const text = contrast(accent, '#ffffff') >= contrast(accent, '#0d1526') ? '#ffffff' : '#0d1526';
  return { '--accent': accent, '--accent-hover': accent, '--accent-text': text, '--focus': accent };
}
