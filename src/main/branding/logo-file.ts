/**
 * Reads `OKTA_ORG_LOGO` when it names a file: only a regular file, and only when its size is
 * within the limit, both known before a byte is read. A FIFO, a device or /dev/zero would never
 * end, and a huge file would be held whole. Opened without blocking (a FIFO's open would wait for
 * a writer) and checked on the opened handle, so the file checked is the file read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export type LogoFileRead = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

// O_NONBLOCK does not exist on Windows, where opening a named pipe does not wait anyway.
const READ_NOW = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readLogoFile(path: string, limit: number): Promise<LogoFileRead> {
  let handle;
  try {
    handle = await open(path, READ_NOW);
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'not-a-file' };
    if (info.size > limit) return { ok: false, reason: 'too-large' };
    // One byte more than allowed, so a file that grew since the stat is still refused, not cut.
    const buffer = new Uint8Array(limit + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) return { ok: false, reason: 'too-large' };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
  } finally {
    await handle.close();
  }
}
