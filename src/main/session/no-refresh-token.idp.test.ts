/**
 * An org (or a config) without offline_access: the session has no refresh token. While the
 * access token is valid a launch shows home; once it is due, launch ends the session with
 * "expired" and wipes the vault instead of trying to renew.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { loadConfig } from '../config/okta-config';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { createManualScheduler } from './scheduler';
import { SESSION_ENDED, SESSION_EXPIRED } from './session';
import { VAULT_KEY } from './vault';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a session without a refresh token', () => {
  it('shows home while valid, and at a launch after expiry signs out as expired with nothing left', async () => {
    h = await startHarness();
    const config = loadConfig({ OKTA_ISSUER: h.idp.issuer, OKTA_CLIENT_ID: h.idp.clientId, OKTA_REDIRECT_URI: h.idp.redirectUri, OKTA_SCOPES: 'openid profile email' });
    const app = await h.launch({ config });
    expect(await app.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in', storage: 'encrypted' });
    expect((await h.storedTokens())?.refreshToken).toBeUndefined();

    const valid = await h.launch({ config });
    expect(await valid.state()).toMatchObject({ status: 'signed-in' });

    h.idp.resetCounts();
    const later = await h.launch({ config, clock: () => Date.now() + 2 * 3600 * 1000 });
    expect(await later.state()).toEqual({ status: 'signed-out', messages: [SESSION_EXPIRED] });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
    expect(h.idp.counts().token).toBe(0); // nothing to renew with
  });

  it('in a running app, ends the session when its access token comes due, with no token request', async () => {
    h = await startHarness();
    const later = { ms: 0 };
    const scheduler = createManualScheduler();
    const config = loadConfig({ OKTA_ISSUER: h.idp.issuer, OKTA_CLIENT_ID: h.idp.clientId, OKTA_REDIRECT_URI: h.idp.redirectUri, OKTA_SCOPES: 'openid profile email' });
    const app = await h.launch({ config, scheduler, clock: () => Date.now() + later.ms });
    expect(await app.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    h.idp.resetCounts();
    later.ms = 2 * 3600 * 1000;
    await scheduler.runDue();
    expect(app.events.at(-1)).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(await app.state()).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
    expect(h.idp.counts().token).toBe(0);
    expect(scheduler.pending()).toEqual([]);
  });

  it('signs out all the same: the access token revoked and the org session ended, with no refresh token to send', async () => {
    h = await startHarness();
    const config = loadConfig({ OKTA_ISSUER: h.idp.issuer, OKTA_CLIENT_ID: h.idp.clientId, OKTA_REDIRECT_URI: h.idp.redirectUri, OKTA_SCOPES: 'openid profile email' });
    const app = await h.launch({ config });
    expect(await app.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    h.idp.resetCounts();
    expect(await app.view(CHANNELS.signOut, undefined)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts()).toMatchObject({ revoke: 1, logout: 1 });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });
});
