/** build/notarize.cjs: notarises only a macOS build with all three Apple variables set. */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

type Hook = ((context: unknown) => Promise<void>) & { missingCredentials(env: NodeJS.ProcessEnv): string[] };
const hook = createRequire(import.meta.url)('../build/notarize.cjs') as Hook;

const macContext = { electronPlatformName: 'darwin', appOutDir: '/tmp/mac', packager: { appInfo: { productFilename: 'Okta Desktop Sign-In' } } };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function stubApple(values: Partial<Record<'APPLE_ID' | 'APPLE_APP_SPECIFIC_PASSWORD' | 'APPLE_TEAM_ID', string>>) {
  for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'] as const) vi.stubEnv(name, values[name] ?? '');
}

describe('build/notarize.cjs', () => {
  it('lists the missing Apple variables, treating blank as missing', () => {
    expect(hook.missingCredentials({ APPLE_ID: 'a@b.c', APPLE_TEAM_ID: ' ' })).toEqual(['APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']);
    expect(hook.missingCredentials({ APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' })).toEqual([]);
  });

  it('prints a skip for a mac build without credentials', async () => {
    stubApple({});
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(hook(macContext)).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[notarize\] skipped: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not set/));
  });

  it('fails a mac build with only some credentials instead of shipping it un-notarised', async () => {
    stubApple({ APPLE_ID: 'dev@example.com', APPLE_TEAM_ID: 'ABCDE12345' });
    await expect(hook(macContext)).rejects.toThrow('[notarize] cannot notarise: APPLE_APP_SPECIFIC_PASSWORD not set');
  });

  it('does nothing for Linux and Windows builds, even with credentials', async () => {
    stubApple({ APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(hook({ ...macContext, electronPlatformName: 'linux' })).resolves.toBeUndefined();
    await expect(hook({ ...macContext, electronPlatformName: 'win32' })).resolves.toBeUndefined();
    expect(log).not.toHaveBeenCalled();
  });
});
