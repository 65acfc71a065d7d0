import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowInlineStylesInCsp, devServerCsp } from './dev-server-csp';

const rendererHtml = readFileSync(new URL('../src/renderer/index.html', import.meta.url), 'utf8');

describe('dev server CSP', () => {
  it("adds 'unsafe-inline' to style-src only, leaving scripts strict", () => {
    const html = allowInlineStylesInCsp(rendererHtml);
    expect(html).toContain("style-src 'self' 'unsafe-inline'");
    expect(html).toContain("script-src 'self';");
    expect(html).not.toMatch(/script-src[^;]*unsafe/);
    expect(allowInlineStylesInCsp(html)).toBe(html);
  });

  it('applies to the dev server only, never to a build', () => {
    expect(devServerCsp().apply).toBe('serve');
  });

  it('fails loudly if the CSP it relaxes is gone', () => {
    expect(() => allowInlineStylesInCsp('<html></html>')).toThrow(/style-src/);
  });
});
