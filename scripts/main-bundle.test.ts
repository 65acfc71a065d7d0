/**
 * What the built main and preload bundles may contain: no emulator or development-only code
 * (main never imports idp/), no unreplaced build-time placeholder, and only imports that a
 * released app can resolve (Node built-ins, electron, production dependencies).
 */
import { builtinModules } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from './test-support/ensure-built';

function bundleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(c|m)?js$/.test(name))
    .map((name) => join(dir, name));
}

/** Bare specifiers of static imports, dynamic imports and requires. */
export function importedModules(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier && !specifier.startsWith('.')) found.add(specifier);
  }
  return [...found];
}

const packageName = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

describe('built main and preload bundles', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('contain no emulator or test code', () => {
    const files = [...bundleFiles('out/main'), ...bundleFiles('out/preload')];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      for (const marker of ['startIdp', 'idp/', 'createIdpServer', 'OAuthHandlers', 'alice@example.com', 'Password123!', 'vitest']) {
        expect(code.includes(marker), `${file} contains ${marker}`).toBe(false);
      }
    }
  });

  it('have the build-time Okta defaults substituted', () => {
    for (const file of bundleFiles('out/main')) expect(readFileSync(file, 'utf8')).not.toContain('__OKTA_BUILD_DEFAULTS__');
  });

  it('import only Node built-ins, electron and production dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...builtinModules, 'electron', ...Object.keys(pkg.dependencies)]);
    const imports = bundleFiles('out/main').flatMap((file) => importedModules(readFileSync(file, 'utf8')));
    expect(imports).toContain('electron');
    expect(imports.filter((specifier) => !specifier.startsWith('node:') && !allowed.has(packageName(specifier)))).toEqual([]);
  });

  it('use every production dependency: nothing ships in app.asar that main does not import', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set(bundleFiles('out/main').flatMap((file) => importedModules(readFileSync(file, 'utf8'))).map(packageName));
    expect(Object.keys(pkg.dependencies).filter((dependency) => !imported.has(dependency))).toEqual([]);
  });

  it('the import scan finds every form (so the check above can fail)', () => {
    expect(importedModules(`import a from "react";\nconst b = await import('vite');\nrequire("playwright/x");\nimport "./local.js";\nimport '@okta/okta-auth-js';`).sort()).toEqual(
      ['@okta/okta-auth-js', 'playwright/x', 'react', 'vite'].sort(),
    );
  });
});

/** What electron.vite.config.ts injects as __OKTA_BUILD_DEFAULTS__ for a command. */
async function injectedDefaults(command: 'build' | 'serve'): Promise<Record<string, string>> {
  vi.resetModules();
  type MainDefine = { main?: { define?: Record<string, string> } };
  const { default: config } = (await import('../electron.vite.config')) as { default: (env: { command: string; mode: string }) => MainDefine };
  return JSON.parse(config({ command, mode: command === 'build' ? 'production' : 'development' }).main?.define?.['__OKTA_BUILD_DEFAULTS__'] ?? 'null') as Record<string, string>;
}

describe('electron.vite.config.ts', () => {
  it('injects only the OKTA_* values of the build environment into main', async () => {
    vi.stubEnv('OKTA_ISSUER', 'https://build.okta.com/oauth2/default');
    vi.stubEnv('OKTA_CLIENT_ID', '');
    vi.stubEnv('SECRET_TOKEN', 'never-bundled');
    try {
      const injected = await injectedDefaults('build');
      expect(injected['OKTA_ISSUER']).toBe('https://build.okta.com/oauth2/default');
      expect(Object.keys(injected).every((key) => key.startsWith('OKTA_'))).toBe(true);
      expect(injected).not.toHaveProperty('OKTA_CLIENT_ID');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('injects nothing for the dev server, so `npm start` cannot leave the emulator issuer in out/main', async () => {
    vi.stubEnv('OKTA_ISSUER', 'http://127.0.0.1:8787/oauth2/default');
    try {
      expect(await injectedDefaults('serve')).toEqual({});
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
