/**
 * Per-test world for the Electron journeys: a fresh emulator and the built app launched against
 * it with a throwaway user-data folder, so no session survives from one test to the next.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { startIdp, type RunningIdp } from '../../idp/index';
import { findElectronBinary, MAIN_ENTRY } from './electron-binary';

export const electronPath = findElectronBinary();

interface Fixtures {
  idp: RunningIdp;
  electronApp: ElectronApplication;
  /** The app's window, showing its first screen. */
  appWindow: Page;
}

export const test = base.extend<Fixtures>({
  idp: async ({}, use) => {
    const idp = await startIdp({ port: 0 });
    await use(idp);
    await idp.close();
  },
  electronApp: async ({ idp }, use) => {
    if (electronPath === undefined) throw new Error('electronApp used without an Electron binary');
    const userData = await mkdtemp(join(tmpdir(), 'okta-desktop-e2e-'));
    const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
    const app = await _electron.launch({
      executablePath: electronPath,
      args: [
        MAIN_ENTRY,
        `--user-data-dir=${userData}`,
        // Chromium will not start its sandbox as root (containers, CI); it runs unsandboxed there.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      env: {
        ...env,
        OKTA_ISSUER: idp.issuer,
        OKTA_CLIENT_ID: idp.clientId,
        OKTA_REDIRECT_URI: idp.redirectUri,
      },
    });
    await use(app);
    await app.close();
    await rm(userData, { recursive: true, force: true });
  },
  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await use(page);
  },
});

export { expect };
