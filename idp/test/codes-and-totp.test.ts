/** One-time codes the org sends, and TOTP codes an app computes, on their own with a clock the test moves. */
import { describe, expect, it } from 'vitest';
import { checkCode, cooldownLeft, newCode } from '../authenticators/codes';
import { checkTotp, newTotpSecret, totpUri } from '../authenticators/totp';
import type { FactorEnv } from '../authenticators/types';
import { totpCode } from './mfa-helpers';

/** The two things these functions read from the org: its clock and its code settings. */
function env(start = 1_700_000_000_000) {
  const clock = { t: start };
  const factors = { now: () => clock.t, settings: { codeTtlMs: 1000, resendCooldownMs: 500 } } as unknown as FactorEnv;
  return { clock, factors };
}

describe('sent codes', () => {
  it('are six digits, sent now, good for the code lifetime, unused', () => {
    const { factors } = env();
    const code = newCode(factors);
    expect(code).toEqual({ value: expect.stringMatching(/^\d{6}$/), sentAt: 1_700_000_000_000, expiresAt: 1_700_000_001_000, used: false });
  });

  it('keep their leading zeros', () => {
    const { factors } = env();
    // One code in a hundred is below 10000; two thousand draws all miss one about once in 10^9.
    const values = Array.from({ length: 2000 }, () => newCode(factors).value);
    expect(values.some((v) => v.startsWith('00'))).toBe(true);
    expect(values.every((v) => v.length === 6)).toBe(true);
  });

  it('are good once, typed with spaces around or not', () => {
    const { factors } = env();
    const code = newCode(factors);
    expect(checkCode(factors, undefined, code.value)).toBe('wrong');
    expect(checkCode(factors, code, code.value === '000000' ? '111111' : '000000')).toBe('wrong');
    expect(checkCode(factors, code, ` ${code.value} `)).toBe('ok');
    expect(checkCode(factors, code, code.value)).toBe('used');
  });

  it('have expired at the moment their lifetime ends; a used one says used', () => {
    const { clock, factors } = env();
    const code = newCode(factors);
    clock.t += 1000;
    expect(checkCode(factors, code, code.value)).toBe('expired');
    expect(checkCode(factors, { ...code, used: true }, code.value)).toBe('used');
    clock.t -= 1;
    expect(checkCode(factors, code, code.value)).toBe('ok');
  });

  it('may be sent again once the cooldown has passed, counted from the last one', () => {
    const { clock, factors } = env();
    expect(cooldownLeft(factors, undefined)).toBe(0);
    const code = newCode(factors);
    expect(cooldownLeft(factors, code)).toBe(500);
    clock.t += 499;
    expect(cooldownLeft(factors, code)).toBe(1);
    clock.t += 2;
    expect(cooldownLeft(factors, code)).toBe(0);
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();

  it('issues 160-bit secrets in base32', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('takes the code of now, or of one step either side, each step once and never an earlier one', () => {
    const { clock, factors } = env();
    const enrollment: { lastTotpStep?: number } = {};
    expect(checkTotp(factors, secret, enrollment, ` ${totpCode(secret, clock.t, -1)} `)).toBe('ok');
    expect(checkTotp(factors, secret, enrollment, totpCode(secret, clock.t, -1))).toBe('used');
    expect(checkTotp(factors, secret, enrollment, totpCode(secret, clock.t, 1))).toBe('ok');
    expect(checkTotp(factors, secret, enrollment, totpCode(secret, clock.t))).toBe('used');
    expect(enrollment.lastTotpStep).toBe(Math.floor(clock.t / 30_000) + 1);
  });

  it('refuses a code two steps away, and anything that is not six digits', () => {
    const { clock, factors } = env();
    expect(checkTotp(factors, secret, {}, totpCode(secret, clock.t, 2))).toBe('wrong');
    expect(checkTotp(factors, secret, {}, totpCode(secret, clock.t, -2))).toBe('wrong');
    expect(checkTotp(factors, secret, {}, totpCode(secret, clock.t).slice(1))).toBe('wrong');
    expect(checkTotp(factors, secret, {}, `${totpCode(secret, clock.t)}0`)).toBe('wrong');
  });

  it('names the login, the issuer and the secret in the URI an app scans', () => {
    const uri = new URL(totpUri(secret, 'ada@example.com', 'Acme'));
    expect([uri.protocol, uri.host, decodeURIComponent(uri.pathname)]).toEqual(['otpauth:', 'totp', '/Acme:ada@example.com']);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret, issuer: 'Acme', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
