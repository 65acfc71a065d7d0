/**
 * A locked-out account through the whole app (AuthApp, the real okta-auth-js, the emulator over
 * HTTP) as a real org says it: not an ended sign-in but the password refused as suspended
 * (`authfactor.challenge.suspended_factor`), on the one-page identify or on the password step of
 * identifier-first. The app shows the locked-out screen with the org's words, and its Unlock
 * where the org offers it; nothing is kept of that transaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { credentials, startHarness, type AppHarness, type HarnessOptions } from '../testing/idp-harness';

const cleanup: AppHarness[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!.close();
});

async function harness(options: HarnessOptions = {}): Promise<AppHarness> {
  const h = await startHarness({ ...options, app: { discoverOffers: true, ...options.app } });
  cleanup.push(h);
  await h.app.offersKnown;
  return h;
}

const LOCKED_OUT = {
  status: 'terminal',
  reason: 'locked-out',
  messages: [{ level: 'error', text: 'This factor is suspended for your account due to too many failed attempts' }],
  offers: { recoverPassword: true, unlockAccount: true, register: true },
};

describe('locked out', () => {
  for (const policy of ['one-page', 'identifier-first'] as const) {
    it(`${policy}: the locked-out screen with the org's words and its offers, whatever the password; nothing kept`, async () => {
      const h = await harness({ idp: { policy } });
      expect(await h.view(CHANNELS.signIn, credentials('locked@example.com'))).toEqual(LOCKED_OUT);
      expect(await h.view(CHANNELS.signIn, credentials('locked@example.com', 'not-the-password'))).toEqual(LOCKED_OUT);
      expect(h.idp.counts().token).toBe(0);
      expect(h.log.entries.filter((e) => e.event === 'sign-in.result').map((e) => e.fields)).toEqual([
        { action: 'sign-in', status: 'PENDING', step: policy === 'one-page' ? 'identify' : 'challenge-authenticator' },
        { action: 'sign-in', status: 'PENDING', step: policy === 'one-page' ? 'identify' : 'challenge-authenticator' },
      ]);
      // Back to the sign-in form: a new transaction, as after any terminal screen.
      expect(await h.view(CHANNELS.cancel)).toMatchObject({ status: 'signed-out', messages: [] });
      expect(h.idp.counts().cancel).toBe(0);
    });

    it(`${policy}: the wrong password that reaches the threshold says the account is locked`, async () => {
      const h = await harness({ idp: { policy, lockoutThreshold: 2 } });
      expect(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-1'))).toMatchObject({
        status: policy === 'one-page' ? 'signed-out' : 'pending',
        messages: [expect.objectContaining({ level: 'error', field: 'password' })],
      });
      expect(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-2'))).toEqual(LOCKED_OUT);
      expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toEqual(LOCKED_OUT);
    });
  }
});
