import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFileCandidates, loadReleaseConfig, type ReleaseConfigInput } from './release-config';
import { inEnglish } from '../testing/in-english';
import { message, type Message } from '../../shared/i18n/text';

const orgA = {
  OKTA_ISSUER: 'https://a.okta.com/oauth2/default',
  OKTA_CLIENT_ID: '0oaAAAAAAAAAAAAA',
  OKTA_REDIRECT_URI: 'com.example.a:/callback',
};
const orgB = {
  OKTA_ISSUER: 'https://b.okta.com/oauth2/default',
  OKTA_CLIENT_ID: '0oaBBBBBBBBBBBBB',
  OKTA_REDIRECT_URI: 'com.example.b:/callback',
};

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'release-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The result as a person reads it (problems in English). */
function load(overrides: Partial<ReleaseConfigInput>) {
  return inEnglish(loadReleaseConfig({ files: [], env: {}, buildDefaults: {}, ...overrides })) as { ok: true; source: string | undefined } | { ok: false; problems: string[]; source: string | undefined };
}

describe('loadReleaseConfig', () => {
  it('uses the build defaults when no file exists and the environment has no OKTA_*', () => {
    const dir = dirWith({});
    const result = load({ files: [join(dir, 'user', 'config.json'), join(dir, 'app', 'config.json')], env: { HOME: '/x' }, buildDefaults: orgA });
    expect(result).toMatchObject({ ok: true, source: 'the build', config: { issuer: orgA.OKTA_ISSUER, clientId: orgA.OKTA_CLIENT_ID } });
  });

  it('prefers the user-data file over the install file over the build, and never mixes sources', () => {
    const dir = dirWith({
      'user/config.json': JSON.stringify({ OKTA_ISSUER: orgB.OKTA_ISSUER, OKTA_CLIENT_ID: orgB.OKTA_CLIENT_ID }),
      'app/config.json': JSON.stringify(orgA),
    });
    const files = [join(dir, 'user/config.json'), join(dir, 'app/config.json')];
    const result = load({ files, buildDefaults: orgA });
    // The user file lacks a redirect URI: it is reported, not filled in from org A.
    expect(result.ok).toBe(false);
    expect(result.source).toBe(files[0]);
    if (!result.ok) expect(result.problems).toEqual([`OKTA_REDIRECT_URI is not set. Use a sign-in redirect URI registered for your app. (from ${files[0]})`]);

    const installOnly = load({ files: [join(dir, 'missing/config.json'), files[1]!], buildDefaults: orgB });
    expect(installOnly).toMatchObject({ ok: true, source: files[1], config: { clientId: orgA.OKTA_CLIENT_ID } });
  });

  it('lets OKTA_* in the environment win over every file', () => {
    const dir = dirWith({ 'config.json': JSON.stringify(orgA) });
    const result = load({ files: [join(dir, 'config.json')], env: orgB, buildDefaults: orgA });
    expect(result).toMatchObject({ ok: true, source: 'the environment', config: { issuer: orgB.OKTA_ISSUER } });
  });

  it('ignores blank environment values instead of treating them as a source', () => {
    const dir = dirWith({ 'config.json': JSON.stringify(orgA) });
    const result = load({ files: [join(dir, 'config.json')], env: { OKTA_ISSUER: '  ' } });
    expect(result).toMatchObject({ ok: true, source: join(dir, 'config.json') });
  });

  it('reports malformed JSON with the path and does not fall back to a lower source', () => {
    const dir = dirWith({ 'config.json': '{"OKTA_ISSUER": "https://a.okta.com",' });
    const path = join(dir, 'config.json');
    const result = load({ files: [path], buildDefaults: orgA });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(`));
    }
  });

  it('rejects unknown keys, non-string values and non-objects', () => {
    const dir = dirWith({
      'typo.json': JSON.stringify({ ...orgA, OKTA_ISSUR: 'x', issuer: 'y' }),
      'number.json': JSON.stringify({ ...orgA, OKTA_CLIENT_ID: 42 }),
      'array.json': JSON.stringify([orgA]),
    });
    const problems = (name: string) => {
      const result = load({ files: [join(dir, name)] });
      return result.ok ? [] : result.problems;
    };
    expect(problems('typo.json')).toEqual([
      `${join(dir, 'typo.json')} has unknown keys: OKTA_ISSUR, issuer. Allowed: OKTA_ISSUER, OKTA_CLIENT_ID, OKTA_REDIRECT_URI, OKTA_SCOPES, OKTA_API_URL, OKTA_ORG_NAME, OKTA_ORG_LOGO, OKTA_ORG_ACCENT_COLOR, OKTA_ORG_HELP_URL.`,
    ]);
    expect(problems('number.json')).toEqual([`${join(dir, 'number.json')}: OKTA_CLIENT_ID must be a string.`]);
    expect(problems('array.json')).toEqual([`${join(dir, 'array.json')} must hold a JSON object like {"OKTA_ISSUER": "https://…"}.`]);
  });

  it("validates with loadConfig's rules and names the source", () => {
    const dir = dirWith({ 'config.json': JSON.stringify({ ...orgA, OKTA_ISSUER: 'http://a.okta.com' }) });
    const result = load({ files: [join(dir, 'config.json')] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([`OKTA_ISSUER must use https. (from ${join(dir, 'config.json')})`]);
  });

  it('refuses a plain-http loopback issuer from every source: a released build never talks to the emulator', () => {
    const emulator = { ...orgA, OKTA_ISSUER: 'http://127.0.0.1:8787/oauth2/default' };
    const dir = dirWith({ 'config.json': JSON.stringify(emulator) });
    for (const result of [load({ env: emulator }), load({ files: [join(dir, 'config.json')] }), load({ buildDefaults: emulator })]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatch(/^OKTA_ISSUER must use https\. \(from /);
    }
  });

  it('names the environment and the build as sources in the person\'s language (catalog messages), a file by its path', () => {
    const broken = { ...orgA, OKTA_ISSUER: 'http://a.okta.com' };
    const fromSource = (source: Message | string) => [message('config.problemFrom', { problem: message('config.issuer.https'), source })];
    expect(loadReleaseConfig({ files: [], env: broken, buildDefaults: {} })).toStrictEqual({ ok: false, problems: fromSource(message('config.source.environment')), source: 'the environment' });
    expect(loadReleaseConfig({ files: [], env: {}, buildDefaults: broken })).toStrictEqual({ ok: false, problems: fromSource(message('config.source.build')), source: 'the build' });
    const file = join(dirWith({ 'config.json': JSON.stringify(broken) }), 'config.json');
    expect(loadReleaseConfig({ files: [file], env: {}, buildDefaults: {} })).toStrictEqual({ ok: false, problems: fromSource(file), source: file });
  });

  it('reports a file that exists but cannot be read', () => {
    const asDirectory = join(dirWith({}), 'config.json');
    mkdirSync(asDirectory);
    const result = load({ files: [asDirectory], buildDefaults: orgA });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/config\.json could not be read \(EISDIR/);
  });

  it('says that no config.json was found when nothing is configured (the screen\'s steps name the files)', () => {
    const result = load({ files: ['/u/config.json', '/opt/App/config.json'] });
    expect(result).toEqual({
      ok: false,
      source: undefined,
      problems: [
        'No config.json with Okta settings was found.',
      ],
    });
  });
});

describe('configFileCandidates', () => {
  it('puts the user-data file first and the install folder second, per OS', () => {
    expect(configFileCandidates({ userDataDir: '/home/u/.config/App', exePath: '/opt/App/app', platform: 'linux' })).toEqual([
      '/home/u/.config/App/config.json',
      '/opt/App/config.json',
    ]);
    expect(
      configFileCandidates({ userDataDir: '/home/u/.config/App', exePath: '/tmp/.mount_x/app', platform: 'linux', appImagePath: '/home/u/Apps/App.AppImage' }),
    ).toEqual(['/home/u/.config/App/config.json', '/home/u/Apps/config.json']);
    expect(
      configFileCandidates({ userDataDir: '/Users/u/Library/Application Support/App', exePath: '/Applications/App.app/Contents/MacOS/App', platform: 'darwin' }),
    ).toEqual(['/Users/u/Library/Application Support/App/config.json', '/Applications/config.json']);
    expect(
      configFileCandidates({ userDataDir: 'C:\\Users\\u\\AppData\\Roaming\\App', exePath: 'C:\\Program Files\\App\\App.exe', platform: 'win32' }),
    ).toEqual(['C:\\Users\\u\\AppData\\Roaming\\App\\config.json', 'C:\\Program Files\\App\\config.json']);
  });

  it('on macOS, uses the folder of an executable that is not in an .app bundle', () => {
    expect(configFileCandidates({ userDataDir: '/Users/u/Library/Application Support/App', exePath: '/usr/local/lib/app/App', platform: 'darwin' })).toEqual([
      '/Users/u/Library/Application Support/App/config.json',
      '/usr/local/lib/app/config.json',
    ]);
  });

  it('on macOS, finds the .app bundle even in a folder whose name has a line break in it', () => {
    expect(configFileCandidates({ userDataDir: '/Users/u/Library/Application Support/App', exePath: '/Applications/Line\nBreak/App.app/Contents/MacOS/App', platform: 'darwin' })).toEqual([
      '/Users/u/Library/Application Support/App/config.json',
      '/Applications/Line\nBreak/config.json',
    ]);
  });

  it('follows APPIMAGE only on Linux', () => {
    expect(
      configFileCandidates({ userDataDir: 'C:\\Users\\u\\AppData\\Roaming\\App', exePath: 'C:\\Program Files\\App\\App.exe', platform: 'win32', appImagePath: 'C:\\Elsewhere\\App.AppImage' }),
    ).toEqual(['C:\\Users\\u\\AppData\\Roaming\\App\\config.json', 'C:\\Program Files\\App\\config.json']);
  });
});
