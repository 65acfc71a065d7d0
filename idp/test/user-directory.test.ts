/** The users file loader and the user directory: each refusal's words, logins unique without regard to case, stable ids, the hash cost's bounds. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrgFile, loadUsersFile, MAX_PASSWORD_HASH_COST, parseOrgFile, parseUsers, UserDirectory, usersFileSchema } from '../org/users';
import type { IdpUser } from '../types';

const user = (login: string, extra: Partial<IdpUser> = {}): IdpUser => ({
  login,
  password: 'Password123!',
  status: 'ACTIVE',
  profile: { name: login },
  factors: ['password'],
  ...extra,
});

const zodMessage = (input: unknown): string => usersFileSchema.safeParse(input).error!.issues[0]!.message;

describe('parseOrgFile', () => {
  it('names the source, the path and zod\'s reason for the first problem', () => {
    const { password: _omitted, ...noPassword } = user('a@example.com');
    expect(() => parseOrgFile({ users: [noPassword] }, 'src.json')).toThrow(
      new Error(`Invalid users in src.json: users.0.password: ${zodMessage({ users: [noPassword] })}`),
    );
  });

  it('leaves out the path when the problem is the whole file', () => {
    expect(() => parseOrgFile(5, 'src.json')).toThrow(new Error(`Invalid users in src.json: ${zodMessage(5)}`));
  });

  it('refuses two users whose logins differ only in case', () => {
    expect(() => parseUsers({ users: [user('Alice@example.com'), user('alice@EXAMPLE.com')] }, 'f')).toThrow(
      new Error('Invalid users in f: duplicate login alice@EXAMPLE.com'),
    );
  });

  it('folds case as a directory does, to lower case: "straße" and "strasse" are two users', () => {
    expect(parseUsers({ users: [user('straße@example.com'), user('strasse@example.com')] }, 'f').map((u) => u.login)).toEqual([
      'straße@example.com',
      'strasse@example.com',
    ]);
  });

  it('refuses a user in a group the file does not define', () => {
    expect(() => parseUsers({ users: [user('a@example.com', { groups: ['admins'] })] }, 'f')).toThrow(
      new Error('Invalid users in f: a@example.com is in group "admins", which the file does not define'),
    );
  });

  it('refuses a user in a group the file does not define, beside one it does', () => {
    expect(() => parseUsers({ users: [user('a@example.com', { groups: ['plain', 'admins'] })], groups: [{ name: 'plain' }] }, 'f')).toThrow(
      new Error('Invalid users in f: a@example.com is in group "admins", which the file does not define'),
    );
  });

  it('gives a user the policy of the first group it is in that has one, unless it has its own', () => {
    const policy = { secondFactor: ['okta_email' as const] };
    const { users, org } = parseOrgFile(
      {
        users: [user('a@example.com', { groups: ['plain', 'mfa'] }), user('b@example.com', { groups: ['mfa'], policy: { secondFactor: 'none' as const } })],
        groups: [{ name: 'plain' }, { name: 'mfa', policy }],
      },
      'f',
    );
    expect(users.map((u) => u.policy)).toEqual([policy, { secondFactor: 'none' }]);
    expect(org).toEqual({});
  });
});

describe('loadOrgFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'users-'));

  it('names the file and the system\'s error code when it cannot be read', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadOrgFile(missing)).toThrow(new Error(`Cannot read users file ${missing}: ENOENT`));
    expect(() => loadUsersFile(dir)).toThrow(new Error(`Cannot read users file ${dir}: EISDIR`));
  });

  it('says when the file is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "users": [');
    expect(() => loadOrgFile(path)).toThrow(new Error(`Users file ${path} is not valid JSON`));
  });

  it('reads a valid file, users and org', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify({ users: [user('a@example.com')], org: {} }));
    expect(loadUsersFile(path).map((u) => u.login)).toEqual(['a@example.com']);
  });
});

describe('UserDirectory', () => {
  it('gives each login a stable Okta-style id, the same for any case of it', async () => {
    const dir = await UserDirectory.create([user('alice@example.com'), user('Dave@Example.com'), user('grace@example.com')]);
    // Pinned: tokens from two runs (or two versions) of the emulator must name the same subject.
    // These three digests have "_" or "-" in their first 17 characters, which an id may not.
    expect(dir.list().map((u) => u.id)).toEqual(['00ux42YGfwOEr8NJIkuR', '00uezQhE1DxVnlwl04eK', '00utTPUVH6qWgxpVZZaH']);
    expect(dir.findByLogin(' ALICE@example.com ')?.id).toBe('00ux42YGfwOEr8NJIkuR');
    expect(dir.findById('00uezQhE1DxVnlwl04eK')?.login).toBe('Dave@Example.com');
  });

  it('gives "straße" and "strasse" different ids', async () => {
    const dir = await UserDirectory.create([user('straße@example.com'), user('strasse@example.com')]);
    const [a, b] = dir.list();
    expect(a!.id).not.toBe(b!.id);
  });

  it('keeps its own copy of the factors and profile', async () => {
    const alice = user('alice@example.com', { factors: ['password', 'okta_email'] });
    const dir = await UserDirectory.create([alice]);
    alice.factors.push('phone_number');
    alice.profile.name = 'Mallory';
    expect(dir.list()[0]).toMatchObject({ factors: ['password', 'okta_email'], profile: { name: 'alice@example.com' }, status: 'ACTIVE', failedAttempts: 0 });
  });

  it('checks a password against the user\'s hash, and an unknown login against a decoy', async () => {
    const dir = await UserDirectory.create([user('alice@example.com')]);
    const alice = dir.findByLogin('alice@example.com');
    expect(await dir.verifyPassword(alice, 'Password123!')).toBe(true);
    expect(await dir.verifyPassword(alice, 'Password123?')).toBe(false);
    expect(await dir.verifyPassword(undefined, 'Password123!')).toBe(false);
    await dir.setPassword(alice!, 'NewPassword1');
    expect(await dir.verifyPassword(alice, 'Password123!')).toBe(false);
    expect(await dir.verifyPassword(alice, 'NewPassword1')).toBe(true);
  });

  it.each([1, MAX_PASSWORD_HASH_COST])('accepts a hash cost of %i', async (cost) => {
    const dir = await UserDirectory.create([user('alice@example.com')], cost);
    expect(await dir.verifyPassword(dir.findByLogin('alice@example.com'), 'Password123!')).toBe(true);
  });

  it.each([0, MAX_PASSWORD_HASH_COST + 1, 2.5, Number.NaN])('refuses a hash cost of %s', async (cost) => {
    await expect(UserDirectory.create([], cost)).rejects.toThrow(
      new Error(`password hash cost must be an integer 1-${MAX_PASSWORD_HASH_COST} (got ${String(cost)})`),
    );
  });
});
