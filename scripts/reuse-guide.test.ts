/**
 * docs/reuse.md, followed: the folders its `text copy` block lists are copied into an empty
 * directory (without tests and src/main/testing/, as it says), a main and a renderer of that
 * second app's own are added, and it is typechecked, bundled (its Node main, the Electron entry,
 * the preload and its renderer) and run: its main signs in against the emulator and reads the
 * demo API through the bridge. If the guide leaves a needed folder out, this fails.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from '../idp/index';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..');
const GUIDE = readFileSync(join(repo, 'docs/reuse.md'), 'utf8');

/** The paths of the guide's ```text copy block. */
export function copyList(markdown: string): string[] {
  const block = /```text copy\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (block === undefined) throw new Error('docs/reuse.md has no ```text copy block');
  return block.split('\n').map((line) => line.trim()).filter(Boolean);
}

const keep = (source: string) => !/\.test\.tsx?$/.test(source) && !source.includes(`${join('src', 'main', 'testing')}`);

const SECOND_MAIN = `
import { createAuthApp, createMemoryStore, createTestCipher, loadConfig } from './src/main/node';
import { createDesktopAuthApi } from './src/preload/bridge';

// In process: the bridge on a direct transport, as the web preview does over HTTP.
const app = await createAuthApp({ config: loadConfig(process.env), cipher: createTestCipher(), store: createMemoryStore() });
const api = createDesktopAuthApi({ invoke: (channel, payload) => app.invoke(channel, payload), subscribe: (_event, listener) => app.onStateChanged(listener) });
const signedIn = await api.signIn({ username: 'alice@example.com', password: process.env['DEMO_PASSWORD'] ?? '' });
const tasks = await api.getTasks();
console.log(JSON.stringify({ status: signedIn.ok ? signedIn.value.status : signedIn.error.code, tasks: tasks.ok ? tasks.value : tasks.error.code }));
await app.dispose();
`;

const SECOND_RENDERER = `
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiTasksView, AuthView, DesktopAuthApi } from './src/shared/contract';

declare global {
  interface Window {
    readonly desktopAuth: DesktopAuthApi;
  }
}

function App() {
  const [view, setView] = useState<AuthView | null>(null);
  const [tasks, setTasks] = useState<ApiTasksView | null>(null);
  useEffect(() => window.desktopAuth.onStateChanged(setView), []);
  useEffect(() => {
    void window.desktopAuth.getState().then((r) => r.ok && setView(r.value));
  }, []);
  useEffect(() => {
    if (view?.status === 'signed-in') void window.desktopAuth.getTasks().then((r) => r.ok && setTasks(r.value));
  }, [view]);
  return <p>{view?.status ?? '…'} {tasks?.status === 'loaded' ? tasks.tasks.length : ''}</p>;
}

createRoot(document.getElementById('root')!).render(<App />);
`;

let dir: string;
let idp: RunningIdp;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'second-app-'));
  for (const path of copyList(GUIDE)) cpSync(join(repo, path), join(dir, path), { recursive: true, filter: keep });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'main.ts'), SECOND_MAIN);
  writeFileSync(join(dir, 'renderer.tsx'), SECOND_RENDERER);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { lib: ['ES2023', 'DOM'], types: ['node'], jsx: 'react-jsx' }, include: ['src', 'main.ts', 'renderer.tsx'] }),
  );
  idp = await startIdp();
}, 60_000);
afterAll(async () => {
  await idp?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/reuse.md, followed', () => {
  it('lists folders that exist, and copies no test or emulator code', () => {
    expect(copyList(GUIDE)).toEqual(['tsconfig.base.json', 'src/shared/', 'src/preload/', 'src/main/']);
  });

  it('typechecks: the copied parts with a main and a renderer of its own', async () => {
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  }, 120_000);

  it('bundles its Node main, the Electron entry, the preload and its renderer, then signs in and reads the API', async () => {
    const common = { bundle: true, absWorkingDir: dir, logLevel: 'silent', write: true } as const;
    await build({ ...common, entryPoints: ['main.ts'], outfile: 'out/main.mjs', platform: 'node', format: 'esm', packages: 'external' });
    await build({ ...common, entryPoints: ['src/main/index.ts'], outfile: 'out/electron-main.mjs', platform: 'node', format: 'esm', packages: 'external' });
    await build({ ...common, entryPoints: ['src/preload/index.ts'], outfile: 'out/preload.cjs', platform: 'node', format: 'cjs', external: ['electron'] });
    await build({ ...common, entryPoints: ['renderer.tsx'], outfile: 'out/renderer.js', platform: 'browser', format: 'esm', jsx: 'automatic' });

    const env = {
      ...process.env,
      OKTA_ISSUER: idp.issuer,
      OKTA_CLIENT_ID: idp.clientId,
      OKTA_REDIRECT_URI: idp.redirectUri,
      OKTA_API_URL: idp.api!.origin,
      OKTA_SCOPES: `openid profile email offline_access ${idp.api!.requiredScope}`,
      DEMO_PASSWORD: idp.demoPassword,
    };
    // It must also exit by itself once disposed: no timer of the session or the SDK left running.
    const { stdout } = await run(process.execPath, [join(dir, 'out/main.mjs')], { cwd: dir, env, timeout: 30_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: string; tasks: { status: string; owner: string } };
    expect(result.status).toBe('signed-in');
    expect(result.tasks).toMatchObject({ status: 'loaded', owner: 'alice@example.com' });
  }, 120_000);
});

/** The ```ts blocks of the guide's step `n` (from "n. **" to the next numbered step). */
function stepCode(markdown: string, n: number): string[] {
  const step = new RegExp(`\\n${n}\\. \\*\\*[\\s\\S]*?(?=\\n${n + 1}\\. \\*\\*)`).exec(markdown)?.[0] ?? '';
  return [...step.matchAll(/```ts\n([\s\S]*?)```/g)].map((block) => block[1]!);
}

describe("docs/reuse.md's step 4 (main), against src/main/app.ts", () => {
  const app = readFileSync(join(repo, 'src/main/app.ts'), 'utf8');
  const code = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//'));
  const guide = code(stepCode(GUIDE, 4).join('\n'));

  it('quotes only lines app.ts has', () => {
    expect(guide.length).toBeGreaterThan(0);
    const lines = new Set(code(app));
    expect(guide.filter((line) => !lines.has(line))).toEqual([]);
  });

  it("shows every line of app.ts that names 'getTasks' (leave one out and the method does not compile or is never routed)", () => {
    const naming = code(app).filter((line) => line.includes("'getTasks'"));
    expect(naming.length).toBeGreaterThan(0);
    expect(naming.filter((line) => !guide.includes(line))).toEqual([]);
  });
});
