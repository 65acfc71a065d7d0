/**
 * A submitted password must not stay reachable in the main process once the answer is in: a heap
 * snapshot taken right after a sign-in holds no copy of it (issue 11, item 5). Run in a child
 * process (password-lifetime.child.ts) so the snapshot is of the app alone.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type IdpUser, type RunningIdp } from '../../../idp/index';

const CHILD = fileURLToPath(new URL('./password-lifetime.child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Even index: Node's fetch; odd: a fetch that holds its request from the signal (see the child).
const LOGINS = ['heap-node-fetch@example.com', 'heap-holding-fetch@example.com'];
const probes = LOGINS.map(() => `Heap-${randomBytes(12).toString('hex')}`);

let idp: RunningIdp;
let dir: string;
beforeAll(async () => {
  const users: IdpUser[] = LOGINS.map((login, i) => ({ login, password: `${probes[i]}Z`, status: 'ACTIVE', profile: { name: 'Heap' }, factors: ['password'] }));
  idp = await startIdp({ users });
  dir = mkdtempSync(join(tmpdir(), 'password-lifetime-'));
});
afterAll(async () => {
  await idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function runChild(): Promise<{ statuses: string[]; found: boolean[]; canaryFound: boolean }> {
  const args = ['--expose-gc', '--import', 'tsx', CHILD, idp.issuer, idp.clientId, idp.redirectUri, join(dir, 'app.heapsnapshot'), ...LOGINS];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(JSON.stringify(probes));
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  child.stderr.on('data', (chunk) => (err += String(chunk)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

describe('password lifetime in the main process', () => {
  it('keeps no copy of the password once the sign-in has answered (heap snapshot)', async () => {
    const result = await runChild();
    expect(result.statuses).toEqual(['signed-in', 'signed-in']);
    // The snapshot search works: a string kept on purpose is found.
    expect(result.canaryFound).toBe(true);
    expect(result.found).toEqual([false, false]);
  }, 60_000);
});
