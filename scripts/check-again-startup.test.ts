/**
 * index.ts's wiring of "Check again" and "Open configuration folder" in a packaged build: the BUILT
 * main process (out/main/index.js) in Node with 'electron' resolved to the stand-in
 * (src/main/testing/electron-standin.ts). It checks our wiring against Electron's contract as the
 * stand-in models it (shell.openPath, the window's link handler, shell.openExternal); it does not
 * show that it runs in Electron or that a file manager opens (the _electron journeys run where a
 * binary exists).
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './test-support/ensure-built';

let report: Record<string, any>;

beforeAll(() => {
  ensureBuilt();
  // No OKTA_* from this environment: in a released build they would win over config.json.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OKTA_') && key !== 'ELECTRON_RENDERER_URL'));
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', './scripts/test-support/electron-loader.mjs', 'scripts/test-support/check-again.child.ts'], { env, encoding: 'utf8', timeout: 60_000 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('REPORT '));
  if (child.status !== 0 || !line) throw new Error(`the child failed (exit ${child.status}):\n${child.stderr}\n${child.stdout}`);
  report = JSON.parse(line.slice('REPORT '.length)) as Record<string, any>;
}, 120_000);

describe('a packaged build without usable settings (built main, on the Electron stand-in)', () => {
  it('starts on the needs-configuration screen naming its config.json, without an error or an exit', () => {
    expect(report['errors']).toEqual([]);
    expect(report['exitCode']).toBeUndefined();
    expect(report['before']).toMatchObject({
      ok: true,
      value: { status: 'needs-configuration', location: { kind: 'packaged', file: report['configFile'], folder: report['userData'], machineFile: '/opt/Okta Desktop Sign-In/config.json' } },
    });
    expect(report['before'].value.problems.map((problem: { values: { problem: { id: string } } }) => problem.values.problem.id)).toEqual(['config.clientId.missing', 'config.redirectUri.missing']);
  });

  it('opens the user-data folder through shell.openPath', () => {
    expect(report['opened']).toEqual({ ok: true, value: { opened: true } });
    expect(report['openedPaths']).toEqual([report['userData']]);
  });

  it('after the file is fixed, Check again goes to sign-in with the org it names: its look, its links, its sign-in page on the app’s scheme', () => {
    expect(report['externalBefore']).toEqual([]);
    expect(report['checked']).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(report['branding']).toEqual({ ok: true, value: { orgName: 'Acme' } });
    expect(report['browser']).toEqual({ ok: true, value: { status: 'browser', messages: [] } });
    const [help, authorize, ...rest] = report['externalAfter'] as string[];
    expect(help).toBe('https://127.0.0.1:9/help');
    const url = new URL(authorize!);
    expect(`${url.origin}${url.pathname}`).toBe('https://127.0.0.1:9/oauth2/default/v1/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe('com.example.oktadesktopsignin:/callback');
    expect(rest).toEqual([]);
  });
});
