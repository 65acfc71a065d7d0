/**
 * The language on the Electron stand-in, with the real electron-store in a temporary userData:
 * the system's preferred languages, and the person's choice kept in settings.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { standin } from '../testing/electron-standin';
import { createLanguageSetting } from './language';

vi.mock('electron', () => import('../testing/electron-standin'));

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'language-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

function start(systemLanguages: string[]) {
  standin.reset({ userData, systemLanguages });
  standin.becomeReady();
  return createLanguageSetting();
}

describe('createLanguageSetting', () => {
  it('follows the system’s preferred languages until the person chooses', () => {
    expect(start(['pt-BR', 'de-CH', 'en-US']).current()).toBe('de');
    expect(start(['fr_FR.UTF-8', 'fr_FR', 'fr', 'C']).current()).toBe('fr');
    expect(start(['zh-CN']).current()).toBe('en');
    expect(start([]).chosen()).toBeUndefined();
  });

  it('remembers a choice across launches in settings.json, not the vault; "same as the system" forgets it', () => {
    const setting = start(['de-DE']);
    setting.choose('ar');
    expect(setting.current()).toBe('ar');
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toEqual({ language: 'ar' });
    const nextLaunch = start(['de-DE']);
    expect([nextLaunch.chosen(), nextLaunch.current()]).toEqual(['ar', 'ar']);
    nextLaunch.choose(undefined);
    expect([nextLaunch.chosen(), nextLaunch.current()]).toEqual([undefined, 'de']);
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toEqual({});
  });

  it('ignores a value it does not know, or a damaged file', () => {
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ language: 'tlh' }));
    expect([start(['ja']).chosen(), start(['ja']).current()]).toEqual([undefined, 'ja']);
    writeFileSync(join(userData, 'settings.json'), '{ not json');
    expect(start(['es-MX']).current()).toBe('es');
  });
});
