/**
 * "Check again" on the needs-configuration screen reads the settings again, from the file this
 * build reads (.env in development, config.json when released): still broken shows the problems
 * found now; fixed builds the whole app from them (the OktaAuth client, branding, the API, what
 * the Electron layer derives) and goes to sign-in, without a restart. Against the emulator over
 * real HTTP with the real okta-auth-js.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../../idp/index';
import { CHANNELS, type AuthView } from '../shared/contract';
import { message } from '../shared/i18n/text';
import { createAuthApp, type AuthApp, type AuthAppDeps } from './app';
import { DEFAULT_SCOPES } from './config/okta-config';
import { developmentSettings, releaseSettings, type SettingsSource } from './config/settings-source';
import { createCapturingLogger, silentLogger } from './log/logger';
import { createTestCipher } from './session/cipher';
import { createMemoryStore } from './session/store';

let idp: RunningIdp;
let dir: string;
let app: AuthApp | undefined;
beforeAll(async () => {
  idp = await startIdp({ port: 0 });
});
afterAll(async () => idp.close());
afterEach(async () => {
  await app?.dispose();
  app = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The app on `settings` as read now, with `deps` beside them. */
async function start(settings: SettingsSource, deps: Partial<AuthAppDeps> = {}): Promise<AuthApp> {
  return createAuthApp({ config: settings.read(), settings, cipher: createTestCipher(), store: createMemoryStore(), log: silentLogger, ...deps });
}

/** A development run whose .env (in a fresh folder) holds `text` now. */
function devEnv(text: string) {
  fresh();
  const envFile = join(dir, '.env');
  writeFileSync(envFile, text);
  return { envFile, settings: developmentSettings(envFile, {}) };
}

const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'check-again-')));
const view = async (channel: string, payload?: unknown): Promise<AuthView> => {
  const result = await app!.invoke(channel, payload);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code}`);
  return result.value as AuthView;
};

describe('Check again in a development run (.env)', () => {
  it('a broken .env, then another broken one (its problems now), then a fixed one: signed out, then signed in with the org built from it', async () => {
    const { envFile, settings } = devEnv('OKTA_ISSUER=not a url\n');
    const onConfigured = vi.fn();
    const privateUseRedirect = vi.fn(() => undefined);
    app = await start(settings, { onConfigured, privateUseRedirect });
    const events: AuthView[] = [];
    app.onStateChanged((next) => events.push(next));

    expect(await view(CHANNELS.getState)).toEqual({
      status: 'needs-configuration',
      problems: [message('config.issuer.notUrl'), message('config.clientId.missing'), message('config.redirectUri.missing')],
      location: { kind: 'development', envFile },
    });
    expect(await app.invoke(CHANNELS.signIn, { username: 'alice@example.com', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await app.invoke(CHANNELS.getBranding, undefined)).toEqual({ ok: true, value: {} });

    // Still broken, differently: the screen shows what is wrong now, and nothing is built.
    writeFileSync(envFile, `OKTA_ISSUER=${idp.issuer}\nOKTA_CLIENT_ID=not valid!\nOKTA_REDIRECT_URI=${idp.redirectUri}\n`);
    expect(await view(CHANNELS.checkConfiguration)).toEqual({ status: 'needs-configuration', problems: [message('config.clientId.invalid')], location: { kind: 'development', envFile } });
    expect(await view(CHANNELS.getState)).toMatchObject({ problems: [message('config.clientId.invalid')] });
    expect(onConfigured).not.toHaveBeenCalled();

    writeFileSync(
      envFile,
      [
        `OKTA_ISSUER=${idp.issuer}`,
        `OKTA_CLIENT_ID=${idp.clientId}`,
        `OKTA_REDIRECT_URI=${idp.redirectUri}`,
        `OKTA_SCOPES=${DEFAULT_SCOPES} ${idp.api!.requiredScope}`,
        `OKTA_API_URL=${idp.api!.origin}`,
        'OKTA_ORG_NAME=Acme',
        'OKTA_ORG_HELP_URL=https://help.example.com/',
      ].join('\n'),
    );
    expect(await view(CHANNELS.checkConfiguration)).toEqual({ status: 'signed-out', messages: [] });
    // The Electron layer is told, and asked for the redirect of these settings (browser sign-in).
    expect(onConfigured).toHaveBeenCalledOnce();
    expect(onConfigured.mock.calls[0]![0]).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, apiUrl: idp.api!.origin, branding: { orgName: 'Acme', helpUrl: 'https://help.example.com/' } });
    expect(privateUseRedirect).toHaveBeenCalledWith(onConfigured.mock.calls[0]![0]);
    expect(await app.invoke(CHANNELS.getBranding, undefined)).toEqual({ ok: true, value: { orgName: 'Acme', helpUrl: 'https://help.example.com/' } });
    // Configured now: there is nothing to check again.
    expect(await app.invoke(CHANNELS.checkConfiguration, undefined)).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await app.invoke(CHANNELS.openConfigurationFolder, undefined)).toMatchObject({ ok: false, error: { code: 'wrong-state' } });

    // The OktaAuth client talks to the org from the file; the session's token reaches its API.
    expect(await view(CHANNELS.signIn, { username: 'alice@example.com', password: DEMO_PASSWORD })).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' } });
    expect(await app.invoke(CHANNELS.getTasks, undefined)).toMatchObject({ ok: true, value: { status: 'loaded', owner: 'alice@example.com' } });
    // A listener from before the settings were fixed hears the configured app's changes.
    expect(events.map((event) => event.status)).toContain('signed-in');
  });

  it('two checks at once build one app: the second is busy', async () => {
    const { envFile, settings } = devEnv('');
    const onConfigured = vi.fn();
    app = await start(settings, { onConfigured });
    writeFileSync(envFile, `OKTA_ISSUER=${idp.issuer}\nOKTA_CLIENT_ID=${idp.clientId}\nOKTA_REDIRECT_URI=${idp.redirectUri}\n`);
    const [first, second] = await Promise.all([app.invoke(CHANNELS.checkConfiguration, undefined), app.invoke(CHANNELS.checkConfiguration, undefined)]);
    expect(first).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(onConfigured).toHaveBeenCalledOnce();
  });

  it('a .env that cannot be read (a folder) is a problem naming it, not a crash', async () => {
    const { envFile, settings } = devEnv('OKTA_ISSUER=not a url\n');
    app = await start(settings);
    rmSync(envFile);
    mkdirSync(envFile);
    const after = await view(CHANNELS.checkConfiguration);
    expect(after).toMatchObject({ status: 'needs-configuration', problems: [{ id: 'config.file.unreadable', values: { path: envFile, detail: expect.stringContaining('EISDIR') } }] });
  });

  it('the environment wins over .env, as at launch', async () => {
    fresh();
    const envFile = join(dir, '.env');
    writeFileSync(envFile, `OKTA_ISSUER=${idp.issuer}\nOKTA_CLIENT_ID=${idp.clientId}\nOKTA_REDIRECT_URI=${idp.redirectUri}\n`);
    expect(developmentSettings(envFile, { OKTA_CLIENT_ID: 'bad id!' }).read()).toEqual({ ok: false, problems: [message('config.clientId.invalid')] });
  });
});

describe('Check again in a released build (config.json)', () => {
  it('names the person’s config.json and the machine-wide one, opens its folder, and goes to sign-in once the file is fixed', async () => {
    fresh();
    const userFile = join(dir, 'user', 'config.json');
    const machineFile = join(dir, 'install', 'config.json');
    mkdirSync(join(dir, 'user'));
    writeFileSync(userFile, '{"OKTA_ISSUER": ');
    const settings = releaseSettings({ files: [userFile, machineFile], env: {}, buildDefaults: {}, platform: 'linux' });
    const opened: string[] = [];
    app = await start(settings, { openConfigurationFolder: async (folder) => (opened.push(folder), true) });
    const location = { kind: 'packaged', file: userFile, folder: join(dir, 'user'), machineFile };
    expect(await view(CHANNELS.getState)).toEqual({
      status: 'needs-configuration',
      problems: [{ id: 'config.file.notJson', values: { path: userFile, detail: expect.any(String) } }],
      location,
    });
    expect(await app.invoke(CHANNELS.openConfigurationFolder, undefined)).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual([join(dir, 'user')]);

    // The emulator's plain-http issuer is refused in a released build: a new problem, from the file.
    writeFileSync(userFile, JSON.stringify({ OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: 'com.example.oktadesktopsignin:/callback' }));
    expect(await view(CHANNELS.checkConfiguration)).toEqual({
      status: 'needs-configuration',
      problems: [message('config.problemFrom', { problem: message('config.issuer.https'), source: userFile })],
      location,
    });

    writeFileSync(userFile, JSON.stringify({ OKTA_ISSUER: 'https://127.0.0.1:1/oauth2/default', OKTA_CLIENT_ID: 'client1', OKTA_REDIRECT_URI: 'com.example.oktadesktopsignin:/callback', OKTA_ORG_NAME: 'Acme' }));
    expect(await view(CHANNELS.checkConfiguration)).toEqual({ status: 'signed-out', messages: [] });
    expect(await app.invoke(CHANNELS.getBranding, undefined)).toEqual({ ok: true, value: { orgName: 'Acme' } });
  });

  it('without a way to open folders (or in development) the folder is not opened, and a failing opener says so too', async () => {
    fresh();
    const dev = developmentSettings(join(dir, '.env'), {});
    app = await start(dev, { openConfigurationFolder: async () => true });
    expect(await app.invoke(CHANNELS.openConfigurationFolder, undefined)).toEqual({ ok: true, value: { opened: false } });
    await app.dispose();

    const released = releaseSettings({ files: [join(dir, 'config.json')], env: {}, buildDefaults: {}, platform: 'win32' });
    expect(released.location).toEqual({ kind: 'packaged', file: join(dir, 'config.json'), folder: dir });
    app = await start(released);
    expect(await app.invoke(CHANNELS.openConfigurationFolder, undefined)).toEqual({ ok: true, value: { opened: false } });
    await app.dispose();

    app = await start(released, { openConfigurationFolder: () => Promise.reject(new Error('no file manager')) });
    expect(await app.invoke(CHANNELS.openConfigurationFolder, undefined)).toEqual({ ok: true, value: { opened: false } });
  });

  it('names a Windows folder in Windows terms', () => {
    const settings = releaseSettings({ files: ['C:\\Users\\a\\AppData\\Roaming\\Okta Desktop Sign-In\\config.json', 'C:\\Program Files\\Okta Desktop Sign-In\\config.json'], env: {}, buildDefaults: {}, platform: 'win32' });
    expect(settings.location).toEqual({
      kind: 'packaged',
      file: 'C:\\Users\\a\\AppData\\Roaming\\Okta Desktop Sign-In\\config.json',
      folder: 'C:\\Users\\a\\AppData\\Roaming\\Okta Desktop Sign-In',
      machineFile: 'C:\\Program Files\\Okta Desktop Sign-In\\config.json',
    });
    dir = mkdtempSync(join(tmpdir(), 'check-again-'));
  });
});

describe('the app before it is configured', () => {
  const goodEnv = () => `OKTA_ISSUER=${idp.issuer}\nOKTA_CLIENT_ID=${idp.clientId}\nOKTA_REDIRECT_URI=${idp.redirectUri}\n`;

  it('a config.json that cannot be read (a folder) is a problem naming that file', async () => {
    fresh();
    const file = join(dir, 'config.json');
    mkdirSync(file);
    const settings = releaseSettings({ files: [file], env: {}, buildDefaults: {}, platform: 'linux' });
    // A source whose read throws (not one of the problems it reports itself) after the first.
    let reads = 0;
    app = await start({
      ...settings,
      read: () => {
        if (reads++ === 0) return settings.read();
        throw new Error('EISDIR: illegal operation on a directory');
      },
    });
    expect(await view(CHANNELS.checkConfiguration)).toMatchObject({ problems: [{ id: 'config.file.unreadable', values: { path: file } }] });
  });

  it('logs what it found, that it was configured, and why a folder did not open', async () => {
    const { envFile, settings } = devEnv('OKTA_ISSUER=not a url\n');
    const log = createCapturingLogger();
    app = await start(settings, { log });
    await view(CHANNELS.checkConfiguration);
    writeFileSync(envFile, goodEnv());
    await view(CHANNELS.checkConfiguration);
    expect(log.entries.map((e) => [e.level, e.event, e.fields])).toEqual(
      expect.arrayContaining([
        // A bad issuer, no client id, no redirect URI: three problems, at launch and at the check.
        ['warn', 'app.needs-configuration', { problems: 3 }],
        ['info', 'app.configured', {}],
      ]),
    );
    expect(log.entries.filter((e) => e.event === 'app.needs-configuration').map((e) => e.fields)).toEqual([{ problems: 3 }, { problems: 3 }]);

    const released = releaseSettings({ files: [join(dir, 'config.json')], env: {}, buildDefaults: {}, platform: 'linux' });
    const opener = createCapturingLogger();
    const other = await start(released, { log: opener, openConfigurationFolder: () => Promise.reject(new TypeError('no file manager')) });
    await other.invoke(CHANNELS.openConfigurationFolder, undefined);
    await other.dispose();
    expect(opener.entries.map((e) => [e.event, e.fields])).toContainEqual(['app.open-folder-failed', { error: 'TypeError' }]);
    // No opener at all is not a failure to log.
    const none = createCapturingLogger();
    const without = await start(released, { log: none });
    expect(await without.invoke(CHANNELS.openConfigurationFolder, undefined)).toEqual({ ok: true, value: { opened: false } });
    await without.dispose();
    expect(none.entries.map((e) => e.event)).not.toContain('app.open-folder-failed');
  });

  it('answers resume, redirects and offers before it is configured, and passes them on after', async () => {
    const { envFile, settings } = devEnv('');
    app = await start(settings);
    expect(app.handleRedirect('http://127.0.0.1:1/cb?code=x')).toBe(false);
    await expect(app.handleSystemResume()).resolves.toBeUndefined();
    await expect(app.offersKnown).resolves.toBeUndefined();
    writeFileSync(envFile, goodEnv());
    await view(CHANNELS.checkConfiguration);
    await expect(app.offersKnown).resolves.toBeUndefined();
    await expect(app.handleSystemResume()).resolves.toBeUndefined();
  });

  it('passes the configured app\'s views to its listeners, not to one that left, and none once disposed', async () => {
    const { envFile, settings } = devEnv('');
    app = await start(settings);
    const stayed: AuthView[] = [];
    const left: AuthView[] = [];
    app.onStateChanged((next) => stayed.push(next));
    app.onStateChanged((next) => left.push(next))();
    writeFileSync(envFile, goodEnv());
    await view(CHANNELS.checkConfiguration);
    await view(CHANNELS.signIn, { username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(stayed.at(-1)).toMatchObject({ status: 'signed-in' });
    expect(left).toEqual([]);
    const seen = stayed.length;
    await app.dispose();
    expect(await app.invoke(CHANNELS.getState, undefined)).toMatchObject({ ok: true });
    expect(await app.invoke(CHANNELS.signOut, undefined)).toEqual({ ok: false, error: { code: 'internal', message: 'The app is shutting down.' } });
    expect(stayed).toHaveLength(seen);
  });

  it('disposed while a check builds the app: the new app is disposed too, and the check says the app is shutting down', async () => {
    const { envFile, settings } = devEnv('');
    app = await start(settings);
    writeFileSync(envFile, goodEnv());
    const check = app.invoke(CHANNELS.checkConfiguration, undefined);
    await app.dispose();
    expect(await check).toEqual({ ok: false, error: { code: 'internal', message: 'The app is shutting down.' } });
    expect(await app.invoke(CHANNELS.checkConfiguration, undefined)).toEqual({ ok: false, error: { code: 'internal', message: 'The app is shutting down.' } });
  });
});
