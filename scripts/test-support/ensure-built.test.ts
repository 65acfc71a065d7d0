import { mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestSource, staleReason } from './ensure-built';

function file(path: string, secondsAgo: number): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  const when = Date.now() / 1000 - secondsAgo;
  utimesSync(path, when, when);
  return path;
}

describe('ensureBuilt: is out/ older than its sources', () => {
  const root = mkdtempSync(join(tmpdir(), 'ensure-built-'));
  const src = join(root, 'src');
  const older = file(join(src, 'main', 'a.ts'), 300);
  const newer = file(join(src, 'main', 'deep', 'b.ts'), 100);
  file(join(src, 'main', 'deep', 'b.test.ts'), 10); // tests are not built into out/
  const entryA = file(join(root, 'out', 'main.js'), 200);
  const entryB = file(join(root, 'out', 'preload.cjs'), 50);

  it('finds the newest non-test source in nested folders, and nothing in a missing folder', () => {
    expect(newestSource([src])?.path).toBe(newer);
    expect(newestSource([join(root, 'missing')])).toBeUndefined();
    expect(newestSource([join(root, 'missing'), join(src, 'main')])?.path).toBe(newer);
    expect(newestSource([join(src, 'main')])?.mtimeMs).toBeGreaterThan(statSync(older).mtimeMs);
  });

  it('is stale when a source is newer than the OLDEST built entry, naming that source', () => {
    expect(staleReason([entryB], [src])).toBeUndefined();
    expect(staleReason([entryA, entryB], [src])).toBe(`${newer} changed after out/ was built`);
    expect(staleReason([entryA], [join(src, 'none')])).toBeUndefined();
  });
});
