import { describe, expect, it } from 'vitest';
import { externalOrigins, isAllowedExternalUrl, isAllowedSignInPageUrl, linkOrigins } from './external-url';

const allowed = externalOrigins(['https://dev-123.okta.com/oauth2/default', 'http://127.0.0.1:8787/oauth2/default', 'not a url']);

describe('linkOrigins', () => {
  it('is the org and its help page, only what is https, and nothing before the app is configured', () => {
    expect(linkOrigins(undefined)).toEqual([]);
    expect(linkOrigins({ issuer: 'https://acme.okta.com/oauth2/default', branding: {} })).toEqual(['https://acme.okta.com']);
    expect(linkOrigins({ issuer: 'https://acme.okta.com/oauth2/default', branding: { helpUrl: 'https://help.acme.example/desk' } })).toEqual(['https://acme.okta.com', 'https://help.acme.example']);
    expect(linkOrigins({ issuer: 'http://127.0.0.1:8787/oauth2/default', branding: { helpUrl: 'https://help.acme.example/' } })).toEqual(['https://help.acme.example']);
  });
});

describe('isAllowedExternalUrl', () => {
  it('keeps only https origins in the allowlist', () => {
    expect(allowed).toEqual(['https://dev-123.okta.com']);
  });

  it('allows https pages of the Okta org', () => {
    expect(isAllowedExternalUrl('https://dev-123.okta.com/enduser/settings', allowed)).toBe(true);
    expect(isAllowedExternalUrl('https://DEV-123.okta.com:443/help?x=1#y', allowed)).toBe(true);
  });

  it.each([
    ['plain http of the org', 'http://dev-123.okta.com/'],
    ['another origin', 'https://evil.example/'],
    ['a look-alike subdomain', 'https://dev-123.okta.com.evil.example/'],
    ['credentials before the host', 'https://dev-123.okta.com@evil.example/'],
    ['credentials on the org', 'https://user:pw@dev-123.okta.com/'],
    ['a user name alone on the org', 'https://user@dev-123.okta.com/'],
    ['a password alone on the org', 'https://:pw@dev-123.okta.com/'],
    ['another port', 'https://dev-123.okta.com:8443/'],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['smb:', 'smb://dev-123.okta.com/share'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['the app itself', 'app://bundle/index.html'],
    ['not a URL', 'dev-123.okta.com'],
    ['an empty string', ''],
    ['a very long URL', `https://dev-123.okta.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url, allowed)).toBe(false);
  });

  it('allows a URL of exactly 2048 characters, not one more', () => {
    const base = 'https://dev-123.okta.com/';
    const url = base + 'a'.repeat(2048 - base.length);
    expect(isAllowedExternalUrl(url, allowed)).toBe(true);
    expect(isAllowedExternalUrl(`${url}a`, allowed)).toBe(false);
  });

  it('refuses anything but https even for an origin the caller lists as is', () => {
    const raw = ['http://127.0.0.1:8787', 'https://dev-123.okta.com'];
    expect(isAllowedExternalUrl('http://127.0.0.1:8787/help', raw)).toBe(false);
    expect(isAllowedExternalUrl('https://user@dev-123.okta.com/', raw)).toBe(false);
    expect(isAllowedExternalUrl('https://dev-123.okta.com/help', raw)).toBe(true);
  });

  it('refuses non-strings and everything when the allowlist is empty', () => {
    expect(isAllowedExternalUrl(undefined, allowed)).toBe(false);
    expect(isAllowedExternalUrl({ toString: () => 'https://dev-123.okta.com/' }, allowed)).toBe(false);
    expect(isAllowedExternalUrl('https://dev-123.okta.com/', [])).toBe(false);
  });
});

describe('isAllowedSignInPageUrl (what the browser sign-in may open)', () => {
  const issuer = 'https://dev-123.okta.com/oauth2/default';
  const release = { allowLoopbackHttp: false };
  const development = { allowLoopbackHttp: true };

  it("opens the org's authorize endpoint with its query", () => {
    expect(isAllowedSignInPageUrl(`${issuer}/v1/authorize?client_id=x&state=y`, issuer, release)).toBe(true);
    expect(isAllowedSignInPageUrl('https://dev-123.okta.com/oauth2/v1/authorize?x=1', 'https://dev-123.okta.com', release)).toBe(true);
  });

  it.each([
    ['another path of the org', `${issuer}/v1/token`],
    ['another authorization server', 'https://dev-123.okta.com/oauth2/other/v1/authorize'],
    ['another origin', 'https://evil.example/oauth2/default/v1/authorize'],
    ['plain http of the org', 'http://dev-123.okta.com/oauth2/default/v1/authorize'],
    ['credentials', 'https://user@dev-123.okta.com/oauth2/default/v1/authorize'],
    ['a fragment', `${issuer}/v1/authorize#x`],
    ['another scheme', 'file:///oauth2/default/v1/authorize'],
    ['not a string', 42],
    ['an object that reads as the authorize URL', { toString: () => `${issuer}/v1/authorize?x=1` }],
    ['not a URL', 'dev-123.okta.com/oauth2/default/v1/authorize'],
    ['too long', `${issuer}/v1/authorize?${'a'.repeat(5000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedSignInPageUrl(url, issuer, development)).toBe(false);
  });

  it('allows a URL of exactly 4096 characters, not one more', () => {
    const start = `${issuer}/v1/authorize?state=`;
    const url = start + 'a'.repeat(4096 - start.length);
    expect(url).toHaveLength(4096);
    expect(isAllowedSignInPageUrl(url, issuer, release)).toBe(true);
    expect(isAllowedSignInPageUrl(`${url}a`, issuer, release)).toBe(false);
  });

  it('refuses every page when the issuer is not a URL', () => {
    expect(isAllowedSignInPageUrl(`${issuer}/v1/authorize`, 'dev-123.okta.com/oauth2/default', development)).toBe(false);
    expect(isAllowedSignInPageUrl('https://dev-123.okta.com/oauth2/v1/authorize', '', development)).toBe(false);
  });

  it('ignores any number of trailing slashes on the issuer', () => {
    expect(isAllowedSignInPageUrl(`${issuer}/v1/authorize?x=1`, `${issuer}//`, release)).toBe(true);
    expect(isAllowedSignInPageUrl('https://dev-123.okta.com/oauth2/v1/authorize?x=1', 'https://dev-123.okta.com///', release)).toBe(true);
    expect(isAllowedSignInPageUrl(`${issuer}//v1/authorize?x=1`, `${issuer}//`, release)).toBe(false);
  });

  it('allows plain http only for a loopback issuer in development (the emulator)', () => {
    const emulator = 'http://127.0.0.1:8787/oauth2/default';
    expect(isAllowedSignInPageUrl(`${emulator}/v1/authorize?x=1`, emulator, development)).toBe(true);
    expect(isAllowedSignInPageUrl(`${emulator}/v1/authorize?x=1`, emulator, release)).toBe(false);
    expect(isAllowedSignInPageUrl('http://10.0.0.1/oauth2/default/v1/authorize', 'http://10.0.0.1/oauth2/default', development)).toBe(false);
  });

  it('refuses any scheme but https and loopback http, even for a loopback issuer of that scheme in development', () => {
    expect(isAllowedSignInPageUrl('ws://127.0.0.1:8787/oauth2/default/v1/authorize', 'ws://127.0.0.1:8787/oauth2/default', development)).toBe(false);
    expect(isAllowedSignInPageUrl('ms-app://127.0.0.1/oauth2/v1/authorize', 'ms-app://127.0.0.1', development)).toBe(false);
    expect(isAllowedSignInPageUrl('ms-app://localhost/oauth2/v1/authorize', 'ms-app://localhost', development)).toBe(false);
  });
});
