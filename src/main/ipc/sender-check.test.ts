import { describe, expect, it } from 'vitest';
import { isAllowedSender, originOf } from './sender-check';

describe('isAllowedSender', () => {
  it('accepts the main frame on the app origin', () => {
    expect(isAllowedSender({ frameUrl: 'app://bundle/index.html', isMainFrame: true }, 'app://bundle')).toBe(true);
    expect(isAllowedSender({ frameUrl: 'http://localhost:5173/#/x', isMainFrame: true }, 'http://localhost:5173/')).toBe(true);
  });

  it('refuses iframes, other origins, look-alikes and missing frames', () => {
    expect(isAllowedSender({ frameUrl: 'app://bundle/index.html', isMainFrame: false }, 'app://bundle')).toBe(false);
    expect(isAllowedSender({ frameUrl: 'https://evil.example/', isMainFrame: true }, 'app://bundle')).toBe(false);
    expect(isAllowedSender({ frameUrl: 'app://bundle.evil/index.html', isMainFrame: true }, 'app://bundle')).toBe(false);
    expect(isAllowedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true }, 'http://localhost:5173')).toBe(false);
    expect(isAllowedSender({ frameUrl: 'file:///etc/passwd', isMainFrame: true }, 'app://bundle')).toBe(false);
    expect(isAllowedSender({ frameUrl: undefined, isMainFrame: true }, 'app://bundle')).toBe(false);
    expect(isAllowedSender({ frameUrl: 'not a url', isMainFrame: true }, 'app://bundle')).toBe(false);
    // Two URLs that have no origin do not share one.
    expect(isAllowedSender({ frameUrl: 'not a url', isMainFrame: true }, 'not a url either')).toBe(false);
  });

  it('computes origins of custom schemes', () => {
    expect(originOf('app://bundle/a/b.js')).toBe('app://bundle');
    expect(originOf('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
    // Where WHATWG URL has an origin it is used as is: a blob: URL's is its creator's.
    expect(originOf('blob:http://localhost:5173/0b7c-42')).toBe('http://localhost:5173');
    expect(originOf('not a url')).toBeUndefined();
  });
});
