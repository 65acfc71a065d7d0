/** The settings sources without the app: the location the screen names, what each read logs and returns. */
import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { loadConfig } from './okta-config';
import { fixedSettings, releaseSettings } from './settings-source';

const org = { OKTA_ISSUER: 'https://a.okta.com/oauth2/default', OKTA_CLIENT_ID: '0oaAAAAAAAAAAAAA', OKTA_REDIRECT_URI: 'com.example.a:/callback' };
const noFiles = () => undefined;

describe('releaseSettings', () => {
  it('refuses to start without the path of the person’s config.json', () => {
    expect(() => releaseSettings({ files: [], env: {}, buildDefaults: {}, platform: 'linux' })).toThrow(new Error('A released build needs the path of its config.json.'));
  });

  it('names no machine-wide file when there is none: the key is absent, not undefined', () => {
    expect(releaseSettings({ files: ['/home/u/.config/App/config.json'], env: {}, buildDefaults: {}, platform: 'linux' }).location).toStrictEqual({
      kind: 'packaged',
      file: '/home/u/.config/App/config.json',
      folder: '/home/u/.config/App',
    });
  });

  it('names a POSIX folder in POSIX terms, even one starting with // (which Windows would read as a network share)', () => {
    expect(releaseSettings({ files: ['//host/share/config.json'], env: {}, buildDefaults: {}, platform: 'linux' }).location).toStrictEqual({
      kind: 'packaged',
      file: '//host/share/config.json',
      folder: '//host/share',
    });
  });

  it('logs which source each read used, and "none" when no source had settings', () => {
    const log = createCapturingLogger();
    const input = { files: ['/u/config.json', '/opt/App/config.json'], env: {}, readFile: noFiles, platform: 'linux' as const, log };
    expect(releaseSettings({ ...input, buildDefaults: org }).read()).toMatchObject({ ok: true, source: 'the build' });
    expect(releaseSettings({ ...input, buildDefaults: {} }).read()).toMatchObject({ ok: false, source: undefined });
    expect(log.entries).toStrictEqual([
      { level: 'info', event: 'app.config-source', fields: { source: 'the build' } },
      { level: 'info', event: 'app.config-source', fields: { source: 'none' } },
    ]);
  });
});

describe('fixedSettings', () => {
  it('gives the same settings at every read, as a development run whose .env is ".env" unless named', () => {
    const config = loadConfig(org);
    const fixed = fixedSettings(config);
    expect(fixed.location).toStrictEqual({ kind: 'development', envFile: '.env' });
    expect(fixed.read()).toBe(config);
    expect(fixed.read()).toBe(config);
    expect(fixedSettings(config, '/srv/app/.env').location).toStrictEqual({ kind: 'development', envFile: '/srv/app/.env' });
  });
});
