/**
 * The emulator as a package of its own, used as another project would: `npm pack` in idp/ (which
 * builds dist/ with esbuild), the tarball installed into an empty temp project with no registry
 * (`--offline`: everything it needs is in the tarball), then `npx okta-idx-emulator` started
 * there, outside this repository, and signed in against: discovery, an IDX password sign-in, the
 * token, and the demo API with that token. Its library entry is imported from there too.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type RunningIdp } from '../index';
import { rawTokens } from './raw-flow';

const run = promisify(execFile);
const idpDir = fileURLToPath(new URL('..', import.meta.url));
// npm and npx from the Node running the tests, whatever PATH the runner has.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false' };

let work: string;
let tarball: string;
let project: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'okta-idx-emulator-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: idpDir, env, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, packed!.filename);
  project = join(work, 'consumer');
  await run('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed emulator', () => {
  it('holds built JavaScript, its README, the users schema and licenses, no TypeScript and no dependencies', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n').sort();
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['package/package.json', 'package/README.md', 'package/users.schema.json', 'package/dist/cli.js', 'package/dist/index.js', 'package/dist/THIRD-PARTY-LICENSES.txt', 'package/dist/chunks/users.demo.json']),
    );
    const { stdout: manifest } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    const pkg = JSON.parse(manifest) as Record<string, unknown>;
    expect(pkg['bin']).toEqual({ 'okta-idx-emulator': 'dist/cli.js' });
    expect(pkg['dependencies']).toBeUndefined();
  });

  it('runs with npx from the temp project: discovery, sign-in, token, and the demo API', async () => {
    // `--` first: npm 11's npx would read --port as its own option.
    const child = spawn('npx', ['--no', '--', 'okta-idx-emulator', '--port', '0', '--quiet'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // 'close', not 'exit': npx can exit before the emulator (its child, sharing the pipes) has
    // written its last line; 'close' waits until every writer has closed them (seen under load).
    const exited = new Promise((resolve) => child.once('close', resolve));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // Its output is the failure message if it stops before starting.
      await expect.poll(() => (out.includes('Press Ctrl+C') ? 'started' : out), { timeout: 20_000 }).toBe('started');
      const issuer = /issuer:\s+(\S+)/.exec(out)![1]!;
      const api = /demo API:\s+(\S+)/.exec(out)![1]!;
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery).toMatchObject({ issuer, token_endpoint: `${issuer}/v1/token` });

      const idp = { issuer, origin: new URL(issuer).origin, clientId: 'desktop-app-client', redirectUri: 'com.example.desktop:/callback' } as RunningIdp;
      const tokens = await rawTokens(idp, DEMO_PASSWORD, { scope: 'openid profile tasks.read' });
      expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'openid profile tasks.read' });
      const tasks = await fetch(api, { headers: { Authorization: `Bearer ${tokens['access_token']}` } });
      expect([tasks.status, ((await tasks.json()) as { owner: string }).owner]).toEqual([200, 'alice@example.com']);
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      expect(out).toContain('SIGTERM: stopping');
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('exports startIdp for tests written in JavaScript', async () => {
    const script = "import { startIdp } from 'okta-idx-emulator'; const idp = await startIdp(); const r = await fetch(idp.issuer + '/v1/keys'); console.log(r.status, idp.demoPassword, typeof idp.api.origin); await idp.close();";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env });
    expect(stdout.trim()).toBe(`200 ${DEMO_PASSWORD} string`);
  });
});
