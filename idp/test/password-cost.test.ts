/**
 * The password hash cost option: every check of a directory, for a known or an unknown login,
 * runs scrypt with the same parameters (so a login's existence does not show in timing), and the
 * cost is the one asked for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const costs: number[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (...args: Parameters<typeof real.scrypt>) => {
    const options = args[3];
    if (typeof options === 'object' && options !== null) costs.push(options.N ?? Number.NaN);
    return (real.scrypt as (...a: unknown[]) => void)(...args);
  };
  return { ...real, scrypt, default: { ...real, scrypt } };
});

const { DEFAULT_PASSWORD_HASH_COST, UserDirectory } = await import('../org/users');
const { startIdp } = await import('../index');

const users = [{ login: 'a@example.com', password: 'Right-Passw0rd', status: 'ACTIVE' as const, profile: {}, factors: ['password'] }];

afterEach(() => void costs.splice(0));

describe('password hash cost', () => {
  it.each([DEFAULT_PASSWORD_HASH_COST, 14])('cost %i: hashing, a known and an unknown login all run scrypt with N = 2^cost', async (cost) => {
    const dir = await UserDirectory.create(users, cost);
    const user = dir.findByLogin('a@example.com')!;
    expect(await dir.verifyPassword(user, 'Right-Passw0rd')).toBe(true);
    expect(await dir.verifyPassword(user, 'Wrong-Passw0rd')).toBe(false);
    expect(await dir.verifyPassword(undefined, 'Right-Passw0rd')).toBe(false);
    await dir.setPassword(user, 'Next-Passw0rd1');
    expect(await dir.verifyPassword(user, 'Next-Passw0rd1')).toBe(true);
    // decoy + user hash, three checks, the new hash and its check
    expect(costs).toEqual(Array(7).fill(2 ** cost));
  });

  it('is cheap by default', () => {
    expect(DEFAULT_PASSWORD_HASH_COST).toBeLessThanOrEqual(4);
  });

  it.each([0, 17, 2.5])('startIdp refuses cost %s', async (cost) => {
    await expect(startIdp({ users, passwordHashCost: cost })).rejects.toThrow(/password hash cost must be an integer 1-16/);
  });
});
