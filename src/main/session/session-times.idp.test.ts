/**
 * The times a signed-in view carries for the technical details (issue 16), numbers only: when
 * the person signed in (the ID token's auth_time) and when the access token expires (the SDK's
 * expiresAt), exactly; a stored session whose ID token has no auth_time shows the expiry alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { silentLogger } from '../log/logger';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { createTokenVault } from './vault';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the signed-in view\'s times', () => {
  it('are the ID token\'s auth_time and the access token\'s expiry', async () => {
    h = await startHarness();
    const before = Math.floor(Date.now() / 1000);
    const view = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const { session } = await createTokenVault(h.cipher, h.store, silentLogger).load();
    const authTime = session!.tokens.idToken!.claims.auth_time!;
    expect(authTime).toBeGreaterThanOrEqual(before);
    expect(view).toMatchObject({ status: 'signed-in', times: { signedInAt: authTime, accessTokenExpiresAt: session!.tokens.accessToken!.expiresAt } });
    expect('times' in view && Object.keys(view.times!)).toEqual(['signedInAt', 'accessTokenExpiresAt']);
  });

  it('leave out the sign-in time when the ID token has no auth_time', async () => {
    h = await startHarness();
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const vault = createTokenVault(h.cipher, h.store, silentLogger);
    const stored = (await vault.load()).session!;
    const { auth_time: _left, ...claims } = stored.tokens.idToken!.claims;
    await vault.save({ ...stored, tokens: { ...stored.tokens, idToken: { ...stored.tokens.idToken!, claims } } });
    const next = await h.launch();
    expect(await next.state()).toMatchObject({ status: 'signed-in', times: { accessTokenExpiresAt: stored.tokens.accessToken!.expiresAt } });
    const view = await next.state();
    expect('times' in view && view.times).toStrictEqual({ accessTokenExpiresAt: stored.tokens.accessToken!.expiresAt });
  });
});
