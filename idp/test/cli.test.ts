/** The CLI: argument parsing, and a real process that serves, prints its issuer and stops on SIGTERM. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cli-args';
import { DEMO_PASSWORD, type RunningIdp } from '../index';
import { idxPost, startRaw } from './raw-flow';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('parseCliArgs', () => {
  it('maps flags to options, with port 8787 by default', () => {
    // Strict: a flag not given leaves no key behind, not even one set to undefined.
    expect(parseCliArgs([])).toStrictEqual({ kind: 'run', options: { port: 8787 }, quiet: false });
    expect(parseCliArgs(['--policy', 'one-page'])).toStrictEqual({ kind: 'run', options: { port: 8787, policy: 'one-page' }, quiet: false });
    expect(
      parseCliArgs(['--port', '0', '--client-id', 'c', '--redirect-uri', 'app:/cb', '--users', 'u.json', '--policy', 'identifier-first', '--lockout', '3', '--access-token-ttl', '60', '--quiet']),
    ).toEqual({
      kind: 'run',
      options: { port: 0, clientId: 'c', redirectUri: 'app:/cb', usersFile: 'u.json', policy: 'identifier-first', lockoutThreshold: 3, accessTokenTtlSeconds: 60 },
      quiet: true,
    });
    expect(parseCliArgs(['--password-hash-cost', '14'])).toEqual({ kind: 'run', options: { port: 8787, passwordHashCost: 14 }, quiet: false });
    expect(parseCliArgs(['--identity-provider'])).toEqual({ kind: 'run', options: { port: 8787, identityProvider: true }, quiet: false });
    expect(parseCliArgs(['--passcode-ttl', '60', '--resend-cooldown', '5'])).toEqual({
      kind: 'run',
      options: { port: 8787, passcodeTtlSeconds: 60, resendCooldownSeconds: 5 },
      quiet: false,
    });
    expect(parseCliArgs(['--api-port', '9000'])).toEqual({ kind: 'run', options: { port: 8787, api: { port: 9000 } }, quiet: false });
    expect(parseCliArgs(['--no-api'])).toEqual({ kind: 'run', options: { port: 8787, api: false }, quiet: false });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it('maps the self-service switches: recovery, unlock, registration', () => {
    const run = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return parsed.kind === 'run' ? parsed.options : parsed;
    };
    expect(run(['--recovery', 'none', '--unlock', 'email,phone'])).toEqual({ port: 8787, recoveryAuthenticators: [], unlockAuthenticators: ['okta_email', 'phone_number'] });
    expect(run(['--recovery', 'phone', '--recovery-signs-in', 'no', '--unlock', 'none'])).toEqual({
      port: 8787,
      recoveryAuthenticators: ['phone_number'],
      recoverySignsIn: false,
      unlockAuthenticators: [],
    });
    expect(run(['--recovery-signs-in', 'yes'])).toEqual({ port: 8787, recoverySignsIn: true });
    expect(run(['--registration', 'off'])).toEqual({ port: 8787, registration: false });
    expect(run(['--registration', 'on'])).toEqual({ port: 8787, registration: {} });
    expect(run(['--registration', 'activate-by-email'])).toEqual({ port: 8787, registration: { activation: 'email' } });
  });

  it('maps every lifetime flag, takes the bounds themselves, and trims self-service lists', () => {
    const run = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return parsed.kind === 'run' ? parsed.options : parsed;
    };
    expect(run(['--id-token-ttl', '1', '--refresh-token-ttl', '999999999', '--transaction-ttl', '600'])).toEqual({
      port: 8787,
      idTokenTtlSeconds: 1,
      refreshTokenTtlSeconds: 999999999,
      transactionTtlSeconds: 600,
    });
    expect(run(['--port', '65535', '--api-port', '0'])).toEqual({ port: 65535, api: { port: 0 } });
    expect(run(['--api-port', '65535'])).toEqual({ port: 8787, api: { port: 65535 } });
    expect(run(['--password-hash-cost', '16'])).toEqual({ port: 8787, passwordHashCost: 16 });
    expect(run(['--password-hash-cost', '1'])).toEqual({ port: 8787, passwordHashCost: 1 });
    expect(run(['--unlock', ' email , phone '])).toEqual({ port: 8787, unlockAuthenticators: ['okta_email', 'phone_number'] });
    expect(run(['--client-id', ' c '])).toEqual({ port: 8787, clientId: ' c ' });
  });

  it.each([
    [['--port', 'abc'], '--port must be 0-65535 (got "abc")'],
    [['--port', ' 80'], '--port must be 0-65535 (got " 80")'],
    [['--port', '80 '], '--port must be 0-65535 (got "80 ")'],
    [['--port', '123456'], '--port must be 0-65535 (got "123456")'],
    [['--api-port', 'x1'], '--api-port must be 0-65535 (got "x1")'],
    [['--api-port', '1x'], '--api-port must be 0-65535 (got "1x")'],
    [['--api-port', '123456'], '--api-port must be 0-65535 (got "123456")'],
    [['--lockout', 'x3'], '--lockout must be a whole number >= 1 (got "x3")'],
    [['--lockout', '3x'], '--lockout must be a whole number >= 1 (got "3x")'],
    [['--refresh-token-ttl', '1234567890'], '--refresh-token-ttl must be a whole number >= 1 (got "1234567890")'],
    [['--password-hash-cost', '17'], '--password-hash-cost must be 1-16 (got "17")'],
    [['--client-id', '  '], '--client-id must not be empty'],
    [['--redirect-uri', 'cb'], '--redirect-uri must be an absolute URI (got "cb")'],
    [['--policy', 'magic'], '--policy must be one-page or identifier-first (got "magic")'],
    [['--unlock', 'email,'], '--unlock must be email, phone, email,phone or none (got "email,")'],
  ])('words the error for %j exactly', (argv, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'error', message });
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--lockout', '0'], /--lockout/],
    [['--access-token-ttl', '1.5'], /--access-token-ttl/],
    [['--policy', 'magic'], /--policy/],
    [['--password-hash-cost', '17'], /--password-hash-cost must be 1-16/],
    [['--password-hash-cost', '0'], /--password-hash-cost/],
    [['--redirect-uri', 'not a uri'], /--redirect-uri/],
    [['--api-port', '65536'], /--api-port must be 0-65535/],
    [['--api-port', '1', '--no-api'], /--api-port and --no-api cannot be used together/],
    [['--recovery', 'sms'], /--recovery must be email, phone, email,phone or none \(got "sms"\)/],
    [['--unlock', 'email,email'], /--unlock must be/],
    [['--unlock', 'toString'], /--unlock must be/],
    [['--recovery-signs-in', 'true'], /--recovery-signs-in must be yes or no \(got "true"\)/],
    [['--registration', 'yes'], /--registration must be off, on or activate-by-email \(got "yes"\)/],
    [['--registration', 'toString'], /--registration must be/],
    [['--nope'], /Unknown option/],
    [['stray'], /positional/i],
  ])('rejects %j', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });
});

describe('npm run idp', () => {
  it('starts, prints the issuer and demo accounts, serves, and stops cleanly on SIGTERM', async () => {
    // Its own process group, so SIGTERM reaches npx, tsx and the emulator alike (as Ctrl+C would).
    const child = spawn('npx', ['tsx', 'idp/cli.ts', '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const group = -child.pid!;
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const groupAlive = () => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      const issuer = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no issuer printed:\n${out}`)), 20_000);
        child.stdout.on('data', () => {
          const match = /issuer:\s+(http:\/\/127\.0\.0\.1:\d+\/oauth2\/default)/.exec(out);
          if (match?.[1] && out.includes('Press Ctrl+C')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(out).toContain('alice@example.com');
      expect(out).toContain('LOCKED_OUT');
      expect(out).toContain('Password123!');
      const res = await fetch(`${issuer}/.well-known/openid-configuration`);
      expect(((await res.json()) as { issuer: string }).issuer).toBe(issuer);
      // The admin token is printed, and it is what the admin API wants.
      const adminToken = /admin token:\s+([A-Za-z0-9_-]{32})\s/.exec(out)?.[1];
      const counts = new URL('/__admin/counts', issuer);
      expect((await fetch(counts)).status).toBe(401);
      expect((await fetch(counts, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
      // The demo API beside it: printed, serving, and asking for a token.
      const api = /demo API:\s+(http:\/\/127\.0\.0\.1:\d+\/api\/tasks)\s+\(access tokens of this org with scope tasks\.read\)/.exec(out)?.[1];
      expect((await fetch(api!)).status).toBe(401);

      // What the org sends (here an email code) is printed, code and link included, for a person to use.
      expect(out).toContain('email-mfa@example.com      ACTIVE (MFA: okta_email)');
      const origin = new URL(issuer).origin;
      const tx = await startRaw({ issuer, origin, clientId: 'desktop-app-client', redirectUri: 'com.example.desktop:/callback' } as RunningIdp);
      const post = (path: string, body: unknown) => fetch(`${origin}/idp/idx/${path}`, idxPost({ stateHandle: tx.stateHandle, ...(body as object) }));
      await post('identify', { identifier: 'email-mfa@example.com', credentials: { passcode: DEMO_PASSWORD } });
      expect((await post('challenge', { authenticator: { id: 'autEmulatorEmail0001' } })).status).toBe(200);
      await expect.poll(() => /outbox: email to emma\.email@example\.com \(email-mfa@example\.com, verify\): .*code is (\d{6})/.exec(out)?.[1], { timeout: 10_000 }).toMatch(/^\d{6}$/);
      expect(out).toMatch(new RegExp(`link: ${origin}/email/verify\\?token=`));

      process.kill(group, 'SIGTERM');
      await exited;
      for (let i = 0; i < 50 && groupAlive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(groupAlive()).toBe(false);
      expect(out).toContain('SIGTERM: stopping');
      await expect(fetch(`${issuer}/v1/keys`)).rejects.toThrow();
    } finally {
      if (groupAlive()) process.kill(group, 'SIGKILL');
    }
  });

  it('exits 2 with a message on bad arguments', async () => {
    const child = spawn('npx', ['tsx', 'idp/cli.ts', '--port', 'nope'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toContain('--port must be 0-65535');
  });
});
