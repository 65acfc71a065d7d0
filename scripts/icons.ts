/**
 * `npm run icons`: renders build/icon.svg into the PNGs electron-builder packages:
 *   build/icon.png        1024x1024, from which electron-builder derives .icns (macOS) and .ico (Windows)
 *   build/icons/NxN.png   the sizes Linux desktops look up (AppImage, deb)
 * Rendered by Chromium so the result matches what a browser shows for the SVG. The PNGs are
 * committed; run this again after changing the SVG.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const svg = readFileSync(resolve('build/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const targets: Array<[number, string]> = [[1024, 'build/icon.png'], ...LINUX_ICON_SIZES.map((n): [number, string] => [n, `build/icons/${n}x${n}.png`])];
    mkdirSync(resolve('build/icons'), { recursive: true });
    for (const [size, out] of targets) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      // The SVG scales to the viewport; a transparent page keeps the rounded corners transparent.
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
      await page.screenshot({ path: resolve(out), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`${out} (${size}x${size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
