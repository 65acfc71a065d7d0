/** readLogoFile on real files in a temporary folder: what is read, and what is refused unread. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readLogoFile } from './logo-file';

// The real open, each handle it gives kept (its reads watched), to see what was read and that it was closed.
const opened = vi.hoisted(() => [] as FileHandle[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: vi.fn(async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      vi.spyOn(handle, 'read');
      opened.push(handle);
      return handle;
    }),
  };
});
beforeEach(() => void opened.splice(0));
/** A handle whose stat or read fails with an error that has no code, as no real file would. */
const failingHandle = (failing: 'stat' | 'read') => ({
  stat: async () => {
    if (failing === 'stat') throw new Error('stat failed');
    return { isFile: () => true, size: 1 };
  },
  read: async () => {
    throw new Error('read failed');
  },
  close: vi.fn(async () => undefined),
});

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
const linuxOnly = process.platform === 'linux' ? undefined : '/proc/self/status and /proc/self/mem are Linux';
if (linuxOnly) console.info(`logo-file.test: skipping the /proc cases: ${linuxOnly}`);

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

  it('refuses a file larger than the limit by its size, without reading a byte of it', async () => {
    expect(await readLogoFile(file('huge.png', new Uint8Array(LIMIT * 4)), LIMIT)).toEqual({ ok: false, reason: 'too-large' });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.read).not.toHaveBeenCalled();
  });

  it('closes every file it opens: one read, one refused and a folder', async () => {
    await readLogoFile(file('closed.png', new Uint8Array(LIMIT)), LIMIT);
    await readLogoFile(file('closed-big.png', new Uint8Array(LIMIT + 1)), LIMIT);
    await readLogoFile(dir, LIMIT);
    expect(opened.map((handle) => handle.fd)).toEqual([-1, -1, -1]);
  });

  it('gives "unreadable" for an error without a code, on open, stat or read, and still closes the file', async () => {
    vi.mocked(open).mockRejectedValueOnce(new Error('open failed'));
    expect(await readLogoFile(file('no-code.png', new Uint8Array(1)), LIMIT)).toEqual({ ok: false, reason: 'unreadable' });
    for (const failing of ['stat', 'read'] as const) {
      const handle = failingHandle(failing);
      vi.mocked(open).mockResolvedValueOnce(handle as unknown as FileHandle);
      expect(await readLogoFile(file('no-code.png', new Uint8Array(1)), LIMIT), failing).toEqual({ ok: false, reason: 'unreadable' });
      expect(handle.close, failing).toHaveBeenCalledOnce();
    }
  });

  it.skipIf(linuxOnly)('refuses a file that grew past the limit after its size was taken (/proc/self/status: size 0, yet text)', async () => {
    expect(await readLogoFile('/proc/self/status', LIMIT)).toEqual({ ok: false, reason: 'too-large' });
    const whole = await readLogoFile('/proc/self/status', 64 * 1024);
    if (!whole.ok) throw new Error(`/proc/self/status not read: ${whole.reason}`);
    expect(new TextDecoder().decode(whole.bytes)).toMatch(/^Name:\t.*\n[\s\S]*\nPid:\t\d+\n/);
    expect(opened.map((handle) => handle.fd)).toEqual([-1, -1]);
  });

  it.skipIf(linuxOnly)('gives the code of an error while reading (/proc/self/mem: EIO at offset 0), and closes the file', async () => {
    expect(await readLogoFile('/proc/self/mem', LIMIT)).toEqual({ ok: false, reason: 'EIO' });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.read).toHaveBeenCalledOnce();
    expect(opened[0]!.fd).toBe(-1);
  });
});
