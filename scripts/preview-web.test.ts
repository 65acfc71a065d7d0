import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let busy: Server;
beforeAll(() => new Promise<void>((resolve) => (busy = createServer().listen(0, '127.0.0.1', resolve))));
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe('npm run preview:web', () => {
  it('on a port in use says so in one line, starts no emulator, and exits 1', () => {
    const port = (busy.address() as AddressInfo).port;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/preview-web.ts', '--port', String(port)], {
      encoding: 'utf8',
      env: { ...process.env, OKTA_ISSUER: '' },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`preview:web: cannot start: port ${port} is already in use (choose another with --port N)`);
    expect(result.stdout).not.toContain('emulator');
  }, 90_000);

  it('refuses a port that is not a number', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/preview-web.ts', '--port', 'eighty'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a whole number');
  });
});
