/**
 * openFolder on the Electron stand-in, whose shell.openPath answers as Electron's does (the OS's
 * error message, '' when shown; a missing path fails). Checks our wiring, not that Electron or the
 * OS's file manager shows anything.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { standin } from '../testing/electron-standin';
import { openFolder } from './open-folder';

vi.mock('electron', () => import('../testing/electron-standin'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'open-folder-'));
  standin.reset({ userData: dir });
  standin.becomeReady();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openFolder', () => {
  it('creates a missing folder (a fresh install has no config.json yet), then shows it: true', async () => {
    const folder = join(dir, 'Okta Desktop Sign-In');
    const log = createCapturingLogger();
    expect(await openFolder(folder, log)).toBe(true);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(standin.state.openedPaths).toEqual([folder]);
    expect(log.entries).toEqual([]);
  });

  it('false, logged with the reason, when the folder cannot be made (a file is in the way); nothing is opened', async () => {
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    const log = createCapturingLogger();
    expect(await openFolder(join(blocked, 'inside'), log)).toBe(false);
    expect(standin.state.openedPaths).toEqual([]);
    expect(log.entries).toMatchObject([{ level: 'warn', event: 'app.open-folder-failed', fields: { reason: 'ENOTDIR' } }]);
  });

  it('false, logged with the OS’s words, when the OS cannot show it', async () => {
    standin.reset({ userData: dir, openPathFailure: 'No application is associated with the specified file' });
    standin.becomeReady();
    const log = createCapturingLogger();
    expect(await openFolder(dir, log)).toBe(false);
    expect(standin.state.openedPaths).toEqual([dir]);
    expect(log.entries).toMatchObject([{ level: 'warn', event: 'app.open-folder-failed', fields: { reason: 'No application is associated with the specified file' } }]);
  });
});
