import { describe, expect, it } from 'vitest';
import { brandingSchema } from './branding';
import { loadConfig } from './okta-config';

const org = { OKTA_ISSUER: 'https://example.okta.com/oauth2/default', OKTA_CLIENT_ID: '0oa1abcdEFGH2345', OKTA_REDIRECT_URI: 'com.example.app:/callback' };
const brandingOf = (env: Record<string, string>) => {
  const result = loadConfig({ ...org, ...env });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.branding;
};
const problemsOf = (env: Record<string, string>) => {
  const result = loadConfig({ ...org, ...env });
  return result.ok ? [] : result.problems.map((problem) => problem.id);
};

describe('branding settings (OKTA_ORG_*)', () => {
  it('reads the name, an https logo, the colour (expanded, lower case) and the help page', () => {
    expect(
      brandingOf({ OKTA_ORG_NAME: '  Acme Corp ', OKTA_ORG_LOGO: 'https://cdn.example.com/logo.png', OKTA_ORG_ACCENT_COLOR: '#0B5', OKTA_ORG_HELP_URL: 'https://help.example.com' }),
    ).toEqual({
      orgName: 'Acme Corp',
      logo: { kind: 'url', url: 'https://cdn.example.com/logo.png' },
      accentColor: '#00bb55',
      helpUrl: 'https://help.example.com/',
    });
    expect(brandingOf({ OKTA_ORG_ACCENT_COLOR: '#0B5CAB' })).toEqual({ accentColor: '#0b5cab' });
  });

  it('takes an absolute file path (POSIX or Windows) as a logo file; blank values are not set', () => {
    expect(brandingOf({ OKTA_ORG_LOGO: '/etc/acme/logo.svg' })).toEqual({ logo: { kind: 'file', path: '/etc/acme/logo.svg' } });
    expect(brandingOf({ OKTA_ORG_LOGO: 'C:\\Acme\\logo.png' })).toEqual({ logo: { kind: 'file', path: 'C:\\Acme\\logo.png' } });
    expect(brandingOf({ OKTA_ORG_NAME: '  ', OKTA_ORG_LOGO: '' })).toEqual({});
  });

  it('refuses what it cannot use, with a catalog message each', () => {
    expect(problemsOf({ OKTA_ORG_LOGO: 'logo.png' })).toEqual(['config.logo.invalid']);
    expect(problemsOf({ OKTA_ORG_LOGO: 'http://cdn.example.com/logo.png' })).toEqual(['config.logo.invalid']);
    expect(problemsOf({ OKTA_ORG_LOGO: 'https://user:pw@cdn.example.com/logo.png' })).toEqual(['config.logo.invalid']);
    for (const share of ['\\\\host\\share\\logo.png', '//host/share/logo.png', '\\\\?\\UNC\\host\\share\\logo.png', '/\\host\\share\\logo.png', ' \\\\host\\share\\logo.png']) {
      expect(problemsOf({ OKTA_ORG_LOGO: share })).toEqual(['config.logo.networkPath']);
    }
    expect(problemsOf({ OKTA_ORG_ACCENT_COLOR: 'blue' })).toEqual(['config.accentColor.invalid']);
    expect(problemsOf({ OKTA_ORG_ACCENT_COLOR: '#12345' })).toEqual(['config.accentColor.invalid']);
    expect(problemsOf({ OKTA_ORG_HELP_URL: 'http://help.example.com' })).toEqual(['config.helpUrl.invalid']);
    expect(problemsOf({ OKTA_ORG_NAME: 'x'.repeat(65) })).toEqual(['config.orgName.tooLong']);
    expect(problemsOf({ OKTA_ORG_NAME: 'x'.repeat(64) })).toEqual([]);
    expect(problemsOf({ OKTA_ORG_NAME: 'Acme\u202Eroc' })).toEqual(['config.orgName.invalid']);
  });

  it('gives only the settings that are set: no key at all (not even an undefined one) for the others', () => {
    expect(brandingOf({})).toStrictEqual({});
    expect(brandingOf({ OKTA_ORG_NAME: 'Acme' })).toStrictEqual({ orgName: 'Acme' });
    expect(brandingOf({ OKTA_ORG_LOGO: '/etc/acme/logo.svg' })).toStrictEqual({ logo: { kind: 'file', path: '/etc/acme/logo.svg' } });
    expect(brandingOf({ OKTA_ORG_ACCENT_COLOR: '#0b5cab' })).toStrictEqual({ accentColor: '#0b5cab' });
    expect(brandingOf({ OKTA_ORG_HELP_URL: 'https://help.example.com/' })).toStrictEqual({ helpUrl: 'https://help.example.com/' });
  });

  it('refuses a logo or help URL with a user name alone or a password alone in it', () => {
    for (const credentials of ['user@', ':pw@']) {
      expect(problemsOf({ OKTA_ORG_LOGO: `https://${credentials}cdn.example.com/logo.png` }), credentials).toEqual(['config.logo.invalid']);
      expect(problemsOf({ OKTA_ORG_HELP_URL: `https://${credentials}help.example.com` }), credentials).toEqual(['config.helpUrl.invalid']);
    }
  });

  it('trims the accent colour and the help page address, non-breaking spaces (from a pasted link) included', () => {
    expect(brandingOf({ OKTA_ORG_ACCENT_COLOR: ' #0B5 ' })).toStrictEqual({ accentColor: '#00bb55' });
    expect(brandingOf({ OKTA_ORG_HELP_URL: '\u00A0https://help.example.com\u00A0' })).toStrictEqual({ helpUrl: 'https://help.example.com/' });
  });

  it('takes an accent colour only when the whole value is one: nothing before the #', () => {
    for (const color of ['blue#0b5', 'x#0B5CAB', '0b5cab#0b5cab']) {
      expect(problemsOf({ OKTA_ORG_ACCENT_COLOR: color }), color).toEqual(['config.accentColor.invalid']);
    }
  });

  it('brandingSchema reports a refused logo as a custom issue on OKTA_ORG_LOGO whose message is the catalog id', () => {
    for (const [logo, id] of [['//host/share/logo.png', 'config.logo.networkPath'], ['logo.png', 'config.logo.invalid']] as const) {
      const result = brandingSchema.safeParse({ OKTA_ORG_LOGO: logo });
      expect(result.error?.issues.map(({ code, path, message }) => ({ code, path, message })), logo).toStrictEqual([{ code: 'custom', path: ['OKTA_ORG_LOGO'], message: id }]);
    }
  });
});
