/**
 * An app registered wrongly at the org (here: a client id the org does not know) gets the
 * "configuration" failure, which tells the user to contact their administrator, not "try again".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { loadConfig } from '../config/okta-config';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a client id the org does not know', () => {
  it('fails sign-in as "configuration" and stores nothing', async () => {
    h = await startHarness();
    const config = loadConfig({ OKTA_ISSUER: h.idp.issuer, OKTA_CLIENT_ID: 'not-registered-here', OKTA_REDIRECT_URI: h.idp.redirectUri });
    const app = await h.launch({ config, cipher: h.cipher, store: h.store });
    const result = await app.call(CHANNELS.signIn, credentials('alice@example.com'));
    expect(result).toMatchObject({ ok: true, value: { status: 'failure', code: 'configuration' } });
    expect(h.idp.counts().interact).toBe(1); // refused at the first request
    expect(h.idp.counts().identify).toBe(0);
    expect(h.store.entries.size).toBe(0);
  });
});
