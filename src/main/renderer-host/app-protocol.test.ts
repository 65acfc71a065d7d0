import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppAsset } from './app-protocol';

const root = '/opt/app/out/renderer';

describe('resolveAppAsset', () => {
  it('maps app://bundle paths into the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://bundle/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppAsset(root, 'app://bundle/')).toBe(`${root}/index.html`);
    expect(resolveAppAsset(root, 'app://bundle/assets/index-abc.js?v=1')).toBe(`${root}/assets/index-abc.js`);
    // app: is not a special scheme, so the bare origin has an empty path.
    expect(resolveAppAsset(root, 'app://bundle')).toBe(`${root}/index.html`);
    expect(resolveAppAsset(root, 'app://bundle//assets//x.css')).toBe(`${root}/assets/x.css`);
  });

  it('refuses paths outside the folder and foreign URLs', () => {
    // Literal and %2e dot segments are removed by URL parsing, so they stay inside the folder.
    expect(resolveAppAsset(root, 'app://bundle/../../etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppAsset(root, 'app://bundle/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppAsset(root, 'app://bundle/assets/..%2f..%2f..%2fsecret')).toBeUndefined();
    expect(resolveAppAsset(root, 'app://bundle/a%5c..%5c..%5csecret')).toBeUndefined();
    expect(resolveAppAsset(root, 'app://bundle/%00')).toBeUndefined();
    expect(resolveAppAsset(root, 'app://bundle/%E0%A4%A')).toBeUndefined();
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppAsset(root, 'file:///etc/passwd')).toBeUndefined();
    expect(resolveAppAsset(root, 'http://bundle/index.html')).toBeUndefined(); // our host, not our scheme
    expect(resolveAppAsset(root, 'not a url')).toBeUndefined();
    // An encoded separator that lands on the folder itself names no file.
    expect(resolveAppAsset(root, 'app://bundle/assets/..%2f')).toBeUndefined();
  });

  it('knows the content types it serves', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.bin')).toBe('application/octet-stream');
    expect(['a.css', 'a.svg', 'a.png', 'a.ico', 'a.woff2', 'a.json', 'noext'].map(contentTypeFor)).toEqual([
      'text/css; charset=utf-8',
      'image/svg+xml',
      'image/png',
      'image/x-icon',
      'font/woff2',
      'application/json',
      'application/octet-stream',
    ]);
  });
});
