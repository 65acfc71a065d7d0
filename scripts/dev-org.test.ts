import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../idp/index';
import { createSdk } from '../idp/test/sdk-client';
import { resolveDevOrg } from './dev-org';

describe('resolveDevOrg', () => {
  it('uses the configured org when OKTA_ISSUER is set, starting nothing', async () => {
    const lines: string[] = [];
    const org = await resolveDevOrg({ OKTA_ISSUER: 'https://example.okta.com/oauth2/default' }, { dotEnvPath: '/nonexistent/.env', log: (l) => lines.push(l) });
    expect(org.idp).toBeUndefined();
    expect(org.env['OKTA_ISSUER']).toBe('https://example.okta.com/oauth2/default');
    expect(lines).toEqual(['Okta org: https://example.okta.com/oauth2/default']);
  });

  it('otherwise starts the emulator and prints what it sends, so a person can finish a second factor', async () => {
    const lines: string[] = [];
    const org = await resolveDevOrg({}, { dotEnvPath: '/nonexistent/.env', log: (l) => lines.push(l) });
    try {
      expect(org.env['OKTA_ISSUER']).toBe(org.idp!.issuer);
      expect(lines.join('\n')).toContain(`/__admin/push/<login>/approve`);
      expect(lines).toContain(`Emulator admin: ${org.idp!.origin}/__admin/faults, /__admin/counts, /__admin/outbox (Authorization: Bearer ${org.idp!.adminToken})`);
      // The home screen's API panel: the demo API's URL, and its scope added to the default ones.
      expect(org.env['OKTA_API_URL']).toBe(org.idp!.api!.origin);
      expect(org.env['OKTA_SCOPES']).toBe('openid profile email offline_access tasks.read');
      expect(lines).toContain(`Demo API: ${org.idp!.api!.origin}/api/tasks (accepts this org's access tokens with scope tasks.read)`);
      const sdk = createSdk(org.idp!, { legacy: true });
      await sdk.idx.authenticate({ username: 'email-mfa@example.com', password: DEMO_PASSWORD });
      await sdk.idx.proceed({ authenticator: 'okta_email' });
      const code = org.idp!.outbox('email-mfa@example.com').at(-1)!.code!;
      expect(lines.some((line) => line.includes(code))).toBe(true);
    } finally {
      await org.close();
    }
  });

  it('keeps the scopes a developer set for the emulator', async () => {
    const org = await resolveDevOrg({ OKTA_SCOPES: 'openid email' }, { dotEnvPath: '/nonexistent/.env', log: () => {} });
    try {
      expect(org.env['OKTA_SCOPES']).toBe('openid email');
    } finally {
      await org.close();
    }
  });
});
