/**
 * A keychain that is locked when the app starts (safeStorage's "temporarily unavailable") must
 * cost nothing: the saved session and the pending revocations (refresh tokens still live at the
 * IdP) stay on disk, nothing this run writes replaces them, and they are used once it unlocks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDP_ENDPOINTS } from '../../../idp/index';
import { CHANNELS } from '../../shared/contract';
import type { Cipher } from './cipher';
import { startHarness, credentials, type AppHarness } from '../testing/idp-harness';
import { PENDING_REVOCATION_KEY } from './revocation';
import { createManualScheduler } from './scheduler';
import { LOCKED_MESSAGE, VAULT_KEY } from './vault';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** The harness's cipher, failing as a locked keychain does while `locked.on`. */
function lockable(cipher: Cipher) {
  const locked = { on: false };
  const temporarily = () => Promise.reject(new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.'));
  const wrapped: Cipher = {
    isAvailable: () => cipher.isAvailable(),
    encrypt: (plain) => (locked.on ? temporarily() : cipher.encrypt(plain)),
    decrypt: (data) => (locked.on ? temporarily() : cipher.decrypt(data)),
  };
  return { locked, cipher: wrapped };
}

function offline(h: AppHarness, on: boolean): void {
  for (const endpoint of IDP_ENDPOINTS) {
    if (on) h.idp.faults.set(endpoint, { kind: 'drop' });
    else h.idp.faults.clear(endpoint);
  }
}

async function signInAndOutOffline(h: AppHarness, app: Awaited<ReturnType<AppHarness['launch']>>) {
  expect(await app.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  offline(h, true);
  expect(await app.view(CHANNELS.signOut)).toMatchObject({ status: 'signed-out' });
  offline(h, false);
}

describe('a keychain locked at launch', () => {
  it('keeps the saved session, says so, and restores it at the next launch once unlocked', async () => {
    const h = await startHarness();
    cleanup.push(() => h.close());
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const saved = h.snapshotStore();
    const { locked, cipher } = lockable(h.cipher);

    locked.on = true;
    const lockedLaunch = await h.launch({ cipher, scheduler: createManualScheduler() });
    expect(await lockedLaunch.state()).toEqual({ status: 'signed-out', messages: [LOCKED_MESSAGE] });
    expect(h.snapshotStore()).toEqual(saved);
    await lockedLaunch.app.dispose();

    locked.on = false;
    const unlocked = await h.launch({ cipher, scheduler: createManualScheduler() });
    expect(await unlocked.state()).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' } });
  });

  it('keeps pending revocations, does not write over them, and revokes them all once unlocked', async () => {
    const h = await startHarness();
    cleanup.push(() => h.close());
    // An earlier run signed out offline: its refresh token is still live at the IdP.
    const earlier = await h.launch({ scheduler: createManualScheduler() });
    await signInAndOutOffline(h, earlier);
    await earlier.app.dispose();
    const kept = h.store.get(PENDING_REVOCATION_KEY);
    expect(kept).toBeDefined();
    const liveBefore = h.idp.liveTokenCount('alice@example.com');
    expect(liveBefore).toBeGreaterThan(0);

    const { locked, cipher } = lockable(h.cipher);
    locked.on = true;
    const scheduler = createManualScheduler();
    const app = await h.launch({ cipher, scheduler });
    await scheduler.runDue();
    expect(h.store.get(PENDING_REVOCATION_KEY)).toEqual(kept);
    // This run signs in and out offline too: its own set must not replace the unread one.
    await signInAndOutOffline(h, app);
    expect(h.store.get(PENDING_REVOCATION_KEY)).toEqual(kept);
    expect(h.store.get(VAULT_KEY)).toBeUndefined();

    locked.on = false;
    await app.app.handleSystemResume();
    await scheduler.runDue();
    expect(h.idp.liveTokenCount('alice@example.com')).toBe(0);
    expect(h.store.get(PENDING_REVOCATION_KEY)).toBeUndefined();
  });
});
