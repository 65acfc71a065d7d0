/**
 * The renderer's CSP allows no inline styles. Vite's dev server injects every imported CSS file
 * as a <style> element, so in development only (`apply: 'serve'`) the meta CSP also allows
 * inline styles; a build keeps the strict policy, and so does the app:// header in production.
 */
import type { Plugin } from 'vite';

export function allowInlineStylesInCsp(html: string): string {
  const relaxed = html.replace(/style-src 'self'(?! 'unsafe-inline')/, "style-src 'self' 'unsafe-inline'");
  if (relaxed === html && !html.includes("style-src 'self' 'unsafe-inline'")) {
    throw new Error("index.html has no `style-src 'self'` in its CSP to relax for the dev server");
  }
  return relaxed;
}

export function devServerCsp(): Plugin {
  return { name: 'dev-server-csp', apply: 'serve', transformIndexHtml: allowInlineStylesInCsp };
}
