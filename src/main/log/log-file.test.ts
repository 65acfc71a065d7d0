import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createLogFileWriter, LOG_FILE_NAME } from './log-file';
import { createLineLogger, type LogLevel } from './logger';

const dir = mkdtempSync(join(tmpdir(), 'log-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => void vi.restoreAllMocks());

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('log file', () => {
  it('receives only redacted lines, one JSON object each, at or above the level', () => {
    const path = join(dir, 'redacted', LOG_FILE_NAME);
    const seen: Array<[LogLevel, string]> = [];
    const logger = createLineLogger('info', [createLogFileWriter({ path }), (level, line) => seen.push([level, line])]);
    logger.debug('too.quiet', { detail: 'not written' });
    logger.info('sign-in.result', { status: 'SUCCESS', password: 'Hunter2-secret', accessToken: JWT, note: `Bearer ${JWT}` });
    logger.error('app.failed', { refresh_token: 'opaque-refresh-value' });

    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toEqual(seen.map(([, line]) => line));
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual(['sign-in.result', 'app.failed']);
    const text = lines.join('\n');
    for (const secret of ['Hunter2-secret', JWT, 'opaque-refresh-value', 'not written']) expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0]!)).toMatchObject({ status: 'SUCCESS', level: 'info' });
  });

  it('rotates at the size cap, keeping one old file', () => {
    const path = join(dir, 'rotating', LOG_FILE_NAME);
    const logger = createLineLogger('debug', [createLogFileWriter({ path, maxBytes: 4096 })]);
    for (let i = 0; i < 200; i += 1) logger.info('filler', { i, text: 'x'.repeat(80) });
    const old = join(dir, 'rotating', 'main.old.log');
    expect(existsSync(old)).toBe(true);
    expect(statSync(path).size).toBeLessThanOrEqual(4096 + 200);
    expect(statSync(old).size).toBeLessThanOrEqual(4096 + 200);
    const last = readFileSync(path, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ event: 'filler', i: 199 });
  });

  it('writes to its file alone: nothing through electron-log\'s console, nothing sent even if its logger had a remote URL', () => {
    const create = vi.spyOn(log, 'create');
    const path = join(dir, 'file-only', LOG_FILE_NAME);
    const write = createLogFileWriter({ path });
    const created = create.mock.results[0]!.value as typeof log;
    const printed = vi.fn();
    const sent = vi.fn();
    created.transports.console.writeFn = printed;
    created.transports.remote.url = 'http://127.0.0.1:9/logs';
    created.transports.remote.sendRequestFn = sent;
    write('error', '{"event":"app.failed"}');
    write('debug', '{"event":"renewal.scheduled"}');
    expect(readFileSync(path, 'utf8').trim().split('\n')).toEqual(['{"event":"app.failed"}', '{"event":"renewal.scheduled"}']);
    expect(printed).not.toHaveBeenCalled();
    expect(sent).not.toHaveBeenCalled();
  });

  it('two writers on different paths each keep to their own file', () => {
    const first = join(dir, 'first', LOG_FILE_NAME);
    const second = join(dir, 'second', LOG_FILE_NAME);
    const writeFirst = createLogFileWriter({ path: first });
    const writeSecond = createLogFileWriter({ path: second });
    writeFirst('info', '{"event":"one"}');
    writeSecond('info', '{"event":"two"}');
    writeFirst('warn', '{"event":"three"}');
    expect([readFileSync(first, 'utf8').trim().split('\n'), readFileSync(second, 'utf8').trim().split('\n')]).toEqual([
      ['{"event":"one"}', '{"event":"three"}'],
      ['{"event":"two"}'],
    ]);
  });

  it('a writer that throws costs its line, not the caller', () => {
    const kept: string[] = [];
    const logger = createLineLogger('info', [
      () => {
        throw new Error('ENOSPC');
      },
      (_level, line) => kept.push(line),
    ]);
    expect(() => logger.warn('disk.full')).not.toThrow();
    expect(kept).toHaveLength(1);
  });
});
