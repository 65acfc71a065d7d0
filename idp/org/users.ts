/**
 * The emulator's user directory: loads and validates a users file, keeps scrypt hashes (never the
 * plain passwords) and the per-run mutable state (status, failed attempts, changed passwords).
 * The file itself is never written.
 */
import { readFileSync } from 'node:fs';
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { firstIssue } from '../first-issue';
import type { IdpGroup, IdpUser, IdpUserStatus } from '../types';
import { authenticatorsSchema, enrollmentsFromFile } from '../authenticators/schema';
import { policySchema, resolvePolicy, type UserPolicy } from '../authenticators/policy';
import type { AuthenticatorKey, Enrollment } from '../authenticators/types';
import { orgSchema, type OrgInput } from '../idx/self-service';

export const DEMO_USERS_FILE = fileURLToPath(new URL('./users.demo.json', import.meta.url));
export const DEMO_PASSWORD = 'Password123!';

const userSchema = z.object({
  login: z.string().trim().min(1).max(256),
  password: z.string().min(1).max(512),
  status: z.enum(['ACTIVE', 'LOCKED_OUT', 'SUSPENDED', 'PASSWORD_EXPIRED', 'PASSWORD_WARN']),
  profile: z
    .object({
      name: z.string().optional(),
      given_name: z.string().optional(),
      family_name: z.string().optional(),
      email: z.string().optional(),
    })
    .catchall(z.unknown()),
  factors: z
    .array(z.string().min(1))
    .refine((f) => f.includes('password'), { message: 'factors must include "password"' }),
  /** Enrolled authenticators with their data (additive: `factors` alone still works). */
  authenticators: authenticatorsSchema.optional(),
  /** This user's sign-in policy; else the first of `groups` that has one; else the default. */
  policy: policySchema.optional(),
  groups: z.array(z.string().min(1).max(100)).max(50).optional(),
});

const groupSchema = z.object({ name: z.string().min(1).max(100), policy: policySchema.optional() }).strict();

export const usersFileSchema = z.object({
  users: z.array(userSchema),
  groups: z.array(groupSchema).optional(),
  /** The org's self-service policies (recovery, unlock, registration); see self-service.ts. */
  org: orgSchema.optional(),
});

/** A users file: its users (policies resolved) and its org's self-service settings. */
export interface OrgFile {
  users: IdpUser[];
  org: OrgInput;
}

/**
 * Validates users (from code or a file); throws an Error naming the first problem. Each user's
 * `policy` comes back resolved: its own, else that of the first group (in file order) it is in.
 */
export function parseUsers(input: unknown, source: string): IdpUser[] {
  return parseOrgFile(input, source).users;
}

/** parseUsers, with the file's `org` section too. */
export function parseOrgFile(input: unknown, source: string): OrgFile {
  const parsed = usersFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`Invalid users in ${source}: ${firstIssue(parsed.error)}`);
  }
  const seen = new Set<string>();
  const groups: IdpGroup[] = parsed.data.groups ?? [];
  for (const user of parsed.data.users) {
    const key = user.login.toLowerCase();
    if (seen.has(key)) throw new Error(`Invalid users in ${source}: duplicate login ${user.login}`);
    seen.add(key);
    const unknown = user.groups?.find((name) => !groups.some((g) => g.name === name));
    if (unknown !== undefined) throw new Error(`Invalid users in ${source}: ${user.login} is in group "${unknown}", which the file does not define`);
  }
  const users = parsed.data.users.map((user) => {
    const policy = user.policy ?? groups.find((g) => g.policy && user.groups?.includes(g.name))?.policy;
    return policy ? { ...user, policy } : user;
  });
  return { users, org: parsed.data.org ?? {} };
}

export function loadUsersFile(path: string): IdpUser[] {
  return loadOrgFile(path).users;
}

export function loadOrgFile(path: string): OrgFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read users file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Users file ${path} is not valid JSON`);
  }
  return parseOrgFile(json, path);
}

interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

export interface UserRecord {
  /** Okta-style user id, stable for a login so tokens from two runs name the same subject. */
  readonly id: string;
  readonly login: string;
  readonly profile: IdpUser['profile'];
  readonly factors: readonly string[];
  /** Enrolled authenticators (the password always); grows when the user enrolls one during sign-in. */
  readonly enrollments: Map<AuthenticatorKey, Enrollment>;
  readonly policy: UserPolicy;
  /** `PROVISIONED`: signed up, waiting for the activation link the org emailed. */
  status: IdpUserStatus | 'PROVISIONED';
  failedAttempts: number;
  passwordHash: PasswordHash;
}

const KEY_LENGTH = 32;

/**
 * scrypt's cost as log2(N). 14 is Node's own default (N = 16384, about 25 ms of CPU per check),
 * what a real directory would spend; 4 (N = 16) costs microseconds, so tests and the benchmark
 * measure the protocol and not the hash. Every check of one directory uses the same cost.
 */
export const DEFAULT_PASSWORD_HASH_COST = 4;
export const MAX_PASSWORD_HASH_COST = 16;

function scryptAsync(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  const N = 2 ** cost;
  const r = 8;
  const p = 1;
  // maxmem: OpenSSL's scrypt refuses to run when 128 * r * (N + 2) + 128 * r * p bytes exceed it
  // (EVP_PBE_scrypt_ex); Node's 32 MiB default is too small above cost 14.
  const maxmem = 128 * r * (N + 2 + p);
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function userIdFor(login: string): string {
  const digest = createHash('sha256').update(login.toLowerCase()).digest('base64url');
  return `00u${digest.replace(/[-_]/g, 'x').slice(0, 17)}`;
}

export class UserDirectory {
  private readonly byLogin = new Map<string, UserRecord>();
  private readonly byId = new Map<string, UserRecord>();

  /** `decoy`: the hash compared against when the login is unknown, so both cases cost one scrypt. */
  private constructor(
    private readonly hashCost: number,
    private readonly decoy: PasswordHash,
  ) {}

  static async create(users: IdpUser[], hashCost = DEFAULT_PASSWORD_HASH_COST): Promise<UserDirectory> {
    if (!Number.isInteger(hashCost) || hashCost < 1 || hashCost > MAX_PASSWORD_HASH_COST) {
      throw new Error(`password hash cost must be an integer 1-${MAX_PASSWORD_HASH_COST} (got ${String(hashCost)})`);
    }
    const dir = new UserDirectory(hashCost, await hashPassword(randomBytes(12).toString('hex'), hashCost));
    for (const user of users) await dir.add(user);
    return dir;
  }

  /** Adds a user (at start, or one who signed up); the caller has checked the login is free. */
  async add(user: IdpUser): Promise<UserRecord> {
    const record: UserRecord = {
      id: userIdFor(user.login),
      login: user.login,
      profile: { ...user.profile },
      factors: [...user.factors],
      enrollments: enrollmentsFromFile(user),
      policy: resolvePolicy(user.policy),
      status: user.status,
      failedAttempts: 0,
      passwordHash: await hashPassword(user.password, this.hashCost),
    };
    this.byLogin.set(user.login.toLowerCase(), record);
    this.byId.set(record.id, record);
    return record;
  }

  findByLogin(login: string): UserRecord | undefined {
    return this.byLogin.get(login.trim().toLowerCase());
  }

  findById(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  list(): UserRecord[] {
    return [...this.byLogin.values()];
  }

  async verifyPassword(user: UserRecord | undefined, password: string): Promise<boolean> {
    const target = user?.passwordHash ?? this.decoy;
    const candidate = await scryptAsync(password, target.salt, this.hashCost);
    return timingSafeEqual(candidate, target.hash) && user !== undefined;
  }

  async setPassword(user: UserRecord, password: string): Promise<void> {
    user.passwordHash = await hashPassword(password, this.hashCost);
  }
}

async function hashPassword(password: string, cost: number): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, hash: await scryptAsync(password, salt, cost) };
}
