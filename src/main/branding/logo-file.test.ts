/** readLogoFile on real files in a temporary folder: what is read, and what is refused unread. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLogoFile } from './logo-file';

const dir = mkdtempSync(join(tmpdir(), 'logo-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LIMIT = 16;
const file = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

const posixOnly = process.platform === 'win32' ? 'FIFOs and /dev/zero are POSIX' : undefined;
if (posixOnly) console.info(`logo-file.test: skipping the FIFO and device cases: ${posixOnly}`);

describe('readLogoFile', () => {
  it('reads a regular file up to and including the limit', async () => {
    const bytes = Uint8Array.from({ length: LIMIT }, (_, i) => i);
    expect(await readLogoFile(file('exact.png', bytes), LIMIT)).toEqual({ ok: true, bytes });
    expect(await readLogoFile(file('empty.png', new Uint8Array()), LIMIT)).toEqual({ ok: true, bytes: new Uint8Array() });
  });

  it('refuses a file larger than the limit, a folder and a missing file', async () => {
    expect(await readLogoFile(file('big.png', new Uint8Array(LIMIT + 1)), LIMIT)).toEqual({ ok: false, reason: 'too-large' });
    expect(await readLogoFile(dir, LIMIT)).toEqual({ ok: false, reason: process.platform === 'win32' ? expect.any(String) : 'not-a-file' });
    expect(await readLogoFile(join(dir, 'gone.png'), LIMIT)).toEqual({ ok: false, reason: 'ENOENT' });
  });

  it.skipIf(posixOnly)('refuses a FIFO with no writer and an endless device at once, without waiting or reading', async () => {
    const fifo = join(dir, 'logo.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await readLogoFile(fifo, LIMIT)).toEqual({ ok: false, reason: 'not-a-file' });
    expect(await readLogoFile('/dev/zero', LIMIT)).toEqual({ ok: false, reason: 'not-a-file' });
  });
});
