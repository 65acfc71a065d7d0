import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadDotEnv, type ConfigOptions } from './okta-config';
import { formatText } from '../i18n/format';

const good = {
  OKTA_ISSUER: 'https://example.okta.com/oauth2/default/',
  OKTA_CLIENT_ID: '0oa1abcdEFGH2345',
  OKTA_REDIRECT_URI: 'com.example.app:/callback',
};

function problemsOf(env: Record<string, string | undefined>, options?: ConfigOptions): ReadonlyArray<string> {
  const result = loadConfig(env, options);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((problem) => formatText(problem, 'en'));
}

describe('loadConfig', () => {
  it('accepts a complete https configuration, trims the issuer slash and defaults the scopes', () => {
    const result = loadConfig(good);
    expect(result).toEqual({
      ok: true,
      config: {
        issuer: 'https://example.okta.com/oauth2/default',
        clientId: '0oa1abcdEFGH2345',
        redirectUri: 'com.example.app:/callback',
        scopes: ['openid', 'profile', 'email', 'offline_access'],
        branding: {},
      },
    });
  });

  it('allows http only for loopback hosts', () => {
    expect(loadConfig({ ...good, OKTA_ISSUER: 'http://127.0.0.1:8080/oauth2/default' }).ok).toBe(true);
    expect(loadConfig({ ...good, OKTA_ISSUER: 'http://localhost:8080' }).ok).toBe(true);
    expect(problemsOf({ ...good, OKTA_ISSUER: 'http://localhost:8080' }, { allowLoopbackHttp: false })).toEqual(['OKTA_ISSUER must use https.']);
    expect(problemsOf({ ...good, OKTA_ISSUER: 'http://example.okta.com' })).toEqual([
      'OKTA_ISSUER must use https (http is allowed only for localhost).',
    ]);
  });

  it('reports every missing variable as a sentence', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toMatch(/OKTA_ISSUER is not set/);
    expect(problems.join(' ')).toMatch(/OKTA_CLIENT_ID is not set/);
    expect(problems.join(' ')).toMatch(/OKTA_REDIRECT_URI is not set/);
  });

  it('refuses an Admin Console address as the issuer, and only that', () => {
    const admin = 'OKTA_ISSUER is an Admin Console address (…-admin.okta.com). Use your org’s address without “-admin”, e.g. https://example.okta.com/oauth2/default.';
    for (const issuer of ['https://acme-admin.okta.com', 'https://acme-admin.oktapreview.com/oauth2/default', 'https://ACME-ADMIN.OKTA-EMEA.COM']) {
      expect(problemsOf({ ...good, OKTA_ISSUER: issuer }), issuer).toEqual([admin]);
    }
    for (const issuer of ['https://acme.okta.com', 'https://admin.okta.com', 'https://acme-admin.example.com', 'https://login.acme-admin.okta.com.example.com']) {
      expect(loadConfig({ ...good, OKTA_ISSUER: issuer }).ok, issuer).toBe(true);
    }
  });

  it('rejects relative issuers, odd client ids, relative redirect URIs and scopes without openid', () => {
    expect(problemsOf({ ...good, OKTA_ISSUER: 'example.okta.com' })[0]).toMatch(/absolute URL/);
    expect(problemsOf({ ...good, OKTA_ISSUER: 'https://example.okta.com?x=1' })[0]).toMatch(/query/);
    expect(problemsOf({ ...good, OKTA_CLIENT_ID: 'bad id!' })[0]).toMatch(/client ID/);
    expect(problemsOf({ ...good, OKTA_REDIRECT_URI: '/callback' })[0]).toMatch(/absolute URI/);
    expect(problemsOf({ ...good, OKTA_SCOPES: 'profile email' })).toEqual(['OKTA_SCOPES must include openid.']);
  });

  it('takes OKTA_API_URL as the issuer is taken: https (http on loopback only), no query, slash trimmed; blank is none', () => {
    expect(loadConfig({ ...good, OKTA_API_URL: 'https://api.example.com/' })).toMatchObject({ ok: true, config: { apiUrl: 'https://api.example.com' } });
    expect(loadConfig({ ...good, OKTA_API_URL: 'http://127.0.0.1:9000' })).toMatchObject({ ok: true, config: { apiUrl: 'http://127.0.0.1:9000' } });
    expect(loadConfig({ ...good, OKTA_API_URL: '  ' })).toStrictEqual(loadConfig(good));
    expect(loadConfig({ ...good, OKTA_API_URL: '  ' })).toMatchObject({ ok: true });
    expect(problemsOf({ ...good, OKTA_API_URL: 'http://api.example.com' })).toEqual(['OKTA_API_URL must use https (http is allowed only for localhost).']);
    expect(problemsOf({ ...good, OKTA_API_URL: 'http://127.0.0.1:9000' }, { allowLoopbackHttp: false })).toEqual(['OKTA_API_URL must use https.']);
    expect(problemsOf({ ...good, OKTA_API_URL: 'api.example.com' })).toEqual(['OKTA_API_URL must be an absolute URL, e.g. https://api.example.com.']);
    expect(problemsOf({ ...good, OKTA_API_URL: 'https://u:p@api.example.com' })).toEqual(['OKTA_API_URL must not contain a query, fragment or credentials.']);
  });

  it('deduplicates custom scopes', () => {
    const result = loadConfig({ ...good, OKTA_SCOPES: ' openid  email openid ' });
    expect(result.ok && result.config.scopes).toEqual(['openid', 'email']);
  });

  it('uses the default scopes when OKTA_SCOPES is blank', () => {
    expect(loadConfig({ ...good, OKTA_SCOPES: '   ' })).toMatchObject({ ok: true, config: { scopes: ['openid', 'profile', 'email', 'offline_access'] } });
  });

  it('refuses a scope with a character a scope cannot have (a quote or backslash), wherever it is in the scope', () => {
    for (const scopes of ['openid e"mail', 'openid "email', 'openid email"', 'openid \\email', 'openid email\\']) {
      expect(problemsOf({ ...good, OKTA_SCOPES: scopes }), scopes).toEqual(['OKTA_SCOPES contains a character that is not allowed in a scope.']);
    }
  });

  it('trims the issuer, client ID and redirect URI before using them', () => {
    expect(
      loadConfig({
        OKTA_ISSUER: ' https://example.okta.com/oauth2/default/ ',
        OKTA_CLIENT_ID: ' 0oa1abcdEFGH2345 ',
        OKTA_REDIRECT_URI: ' com.example.app:/callback ',
      }),
    ).toStrictEqual(loadConfig(good));
    expect(loadConfig(good)).toMatchObject({ ok: true, config: { issuer: 'https://example.okta.com/oauth2/default', clientId: '0oa1abcdEFGH2345', redirectUri: 'com.example.app:/callback' } });
  });

  it('drops every trailing slash of the issuer and the API URL', () => {
    expect(loadConfig({ ...good, OKTA_ISSUER: 'https://example.okta.com/oauth2/default///', OKTA_API_URL: 'https://api.example.com//' })).toMatchObject({
      ok: true,
      config: { issuer: 'https://example.okta.com/oauth2/default', apiUrl: 'https://api.example.com' },
    });
  });

  it('allows plain http on the IPv6 loopback [::1], and no scheme but http or https even on loopback', () => {
    expect(loadConfig({ ...good, OKTA_ISSUER: 'http://[::1]:8080/oauth2/default' })).toMatchObject({ ok: true, config: { issuer: 'http://[::1]:8080/oauth2/default' } });
    expect(problemsOf({ ...good, OKTA_ISSUER: 'ws://localhost:8080' })).toEqual(['OKTA_ISSUER must use https (http is allowed only for localhost).']);
    expect(problemsOf({ ...good, OKTA_API_URL: 'ftp://127.0.0.1/api' })).toEqual(['OKTA_API_URL must use https (http is allowed only for localhost).']);
  });

  it('says a blank client ID or redirect URI is not set (and not valid either)', () => {
    expect(problemsOf({ ...good, OKTA_CLIENT_ID: '  ' })).toEqual([
      'OKTA_CLIENT_ID is not set. Copy it from your Okta app integration.',
      'OKTA_CLIENT_ID does not look like an Okta client ID (letters, digits, - and _ only).',
    ]);
    expect(problemsOf({ ...good, OKTA_REDIRECT_URI: '  ' })).toEqual([
      'OKTA_REDIRECT_URI is not set. Use a sign-in redirect URI registered for your app.',
      'OKTA_REDIRECT_URI must be an absolute URI without a fragment, e.g. com.example.app:/callback.',
    ]);
  });

  it('takes a client ID only when all of it is letters, digits, - and _', () => {
    for (const clientId of ['bad!0oa1abcd', '0oa1abcd!bad', '0oa1 abcd']) {
      expect(problemsOf({ ...good, OKTA_CLIENT_ID: clientId }), clientId).toEqual(['OKTA_CLIENT_ID does not look like an Okta client ID (letters, digits, - and _ only).']);
    }
    expect(loadConfig({ ...good, OKTA_CLIENT_ID: 'a-b_C9' })).toMatchObject({ ok: true, config: { clientId: 'a-b_C9' } });
  });
});

describe('loadDotEnv', () => {
  it('parses a .env file and treats a missing one as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nOKTA_ISSUER=https://x.okta.com\nOKTA_SCOPES="openid email"\n');
    expect(loadDotEnv(file)).toEqual({ OKTA_ISSUER: 'https://x.okta.com', OKTA_SCOPES: 'openid email' });
    expect(loadDotEnv(join(dir, 'missing.env'))).toEqual({});
  });
});
