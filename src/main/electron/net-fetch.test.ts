/**
 * The IdP client on a stand-in `net.fetch` with Electron 45's redirect rules (it rejects every
 * redirect it does not follow; see src/main/testing/electron-standin.ts), against the emulator.
 * Checks our wiring against Electron's documented behaviour, not Electron itself.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { RedirectRefusedError, createIdpTransport } from '../auth/http-client';
import { PENDING_REVOCATION_KEY } from '../session/revocation';
import { startHarness, credentials, type AppHarness } from '../testing/idp-harness';
import { standin } from '../testing/electron-standin';
import { netFetch } from './net-fetch';

vi.mock('electron', () => import('../testing/electron-standin'));

let harness: AppHarness | undefined;
beforeEach(() => {
  standin.reset();
  standin.becomeReady();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('net.fetch adapter', () => {
  it('turns net.fetch refusing a redirect into RedirectRefusedError, not a network failure', async () => {
    harness = await startHarness();
    const transport = createIdpTransport(netFetch);
    const idToken = await signedInIdToken(harness);
    // The emulator answers logout with a 302 for a good hint and a 400 for a bad one.
    await expect(transport.httpRequestClient('GET', `${harness.idp.issuer}/v1/logout?id_token_hint=${idToken}`, { headers: {} })).rejects.toBeInstanceOf(RedirectRefusedError);
    expect(transport.takeFailure()).toBeUndefined();
    await expect(transport.httpRequestClient('GET', `${harness.idp.issuer}/v1/logout?id_token_hint=x`, { headers: {} })).rejects.toMatchObject({ status: 400 });
  });

  it('passes other net.fetch failures through as they are', async () => {
    const transport = createIdpTransport(netFetch);
    await expect(transport.httpRequestClient('GET', 'http://127.0.0.1:9/nothing-listens', { headers: {} })).rejects.toThrow('could not be reached');
    expect(transport.takeFailure()).toEqual({ kind: 'unreachable' });
  });

  it('signs out against an org whose logout redirects: done, nothing kept for a retry', async () => {
    harness = await startHarness({ wrapFetch: () => netFetch });
    await harness.view(CHANNELS.signIn, credentials('alice@example.com'));
    harness.idp.resetCounts();
    expect(await harness.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [] });
    expect(harness.idp.counts()).toMatchObject({ revoke: 2, logout: 1 });
    expect(harness.store.get(PENDING_REVOCATION_KEY)).toBeUndefined();
    expect(harness.log.entries.map((e) => e.event)).not.toContain('session.revoke-deferred');
  });
});

async function signedInIdToken(h: AppHarness): Promise<string> {
  await h.view(CHANNELS.signIn, credentials('alice@example.com'));
  return (await h.storedTokens())!.idToken;
}
