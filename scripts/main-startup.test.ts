/**
 * Start-up smoke test of the BUILT main process: out/main/index.js runs in Node with 'electron'
 * resolved to the stand-in (src/main/testing/electron-standin.ts), which enforces Electron 45's
 * lifecycle (registerSchemesAsPrivileged once and before ready, protocol.handle / BrowserWindow /
 * safeStorage after). Against the emulator, it checks that start-up registers every IPC channel,
 * serves app:// and loads the app URL, and that a sign-in through the registered handler stores
 * an encrypted session. It checks our wiring against Electron's contract; it does not show the
 * app runs in Electron (the _electron journeys do, where a binary exists).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../idp/index';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../src/main/renderer-host/app-protocol';
import { CHANNELS } from '../src/shared/contract';
import { ensureBuilt } from './test-support/ensure-built';

let idp: RunningIdp;
let report: Record<string, any>;

beforeAll(async () => {
  ensureBuilt();
  idp = await startIdp({ port: 0 });
  // Not spawnSync: the emulator answers in this process while the child signs in.
  const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
  const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/test-support/electron-loader.mjs', 'scripts/test-support/main-startup.child.ts'], {
      env: { ...env, OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri, DEMO_PASSWORD },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('REPORT '));
  if (child.status !== 0 || !line) throw new Error(`the start-up child failed (exit ${child.status}):\n${child.stderr}\n${child.stdout}`);
  report = JSON.parse(line.slice('REPORT '.length)) as Record<string, any>;
}, 120_000);

afterAll(async () => idp?.close());

describe('built main process start-up (on the Electron stand-in)', () => {
  it('starts without an error, a lifecycle violation or an exit', () => {
    expect(report['errors']).toEqual([]);
    expect(report['exitCode']).toBeUndefined();
  });

  it('enables the sandbox and registers app:// as privileged before ready', () => {
    expect(report['before']).toEqual({ sandboxEnabled: true, privilegedSchemes: [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }] });
  });

  it('registers every IPC channel, the app:// handler, the menu and the permission handlers, and loads the app URL', () => {
    expect(report['channels']).toEqual(Object.values(CHANNELS).sort());
    expect(report['protocols']).toEqual([APP_SCHEME]);
    // In the system's language (the stand-in's is en-US).
    expect(report['loadedUrls']).toEqual([`${APP_ENTRY_URL}?lang=en`]);
    expect(report['menu']).toBe(true);
    expect(report['permissionsDenied']).toBe(true);
    expect(report['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('serves the built renderer over app:// with the CSP header', () => {
    expect(report['page']).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY });
    expect(report['page'].html).toContain('<div id="root">');
  });

  it('writes its log to a file in the OS log folder, redacted like the console', () => {
    const lines = (report['logFile'] as string).trim().split('\n').map((line) => JSON.parse(line) as { event: string });
    expect(lines.map((line) => line.event)).toContain('sign-in.result');
    expect(report['logFile']).not.toContain(DEMO_PASSWORD);
    expect(report['logFile']).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });

  it('signs in through the registered handler and stores the session encrypted', () => {
    expect(report['signIn']).toMatchObject({ ok: true, value: { status: 'signed-in', profile: { email: 'alice@example.com' } } });
    expect(report['stored']).toMatchObject({ session: { version: 1, data: expect.any(String) } });
    expect(JSON.stringify(report['stored'])).not.toMatch(/alice|eyJ/);
  });
});
