import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger, formatLogLine, logLevelFromEnv } from './logger';
import { REDACTED } from './redact';

afterEach(() => void vi.restoreAllMocks());

describe('logLevelFromEnv', () => {
  it('reads OKTA_APP_LOG_LEVEL, case-insensitively, and falls back on anything else', () => {
    expect(logLevelFromEnv({ OKTA_APP_LOG_LEVEL: 'debug' }, 'warn')).toBe('debug');
    expect(logLevelFromEnv({ OKTA_APP_LOG_LEVEL: ' ERROR ' }, 'info')).toBe('error');
    expect(logLevelFromEnv({ OKTA_APP_LOG_LEVEL: 'verbose' }, 'warn')).toBe('warn');
    expect(logLevelFromEnv({}, 'info')).toBe('info');
  });
});

describe('console logger', () => {
  it('writes one redacted JSON line per event at or above its level', () => {
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((line: string) => void lines.push(line));
    }
    const log = createConsoleLogger('info');
    log.debug('hidden', { a: 1 });
    log.info('sign-in.result', { status: 'SUCCESS', refresh_token: 'opaque-refresh-value', note: 'line\nbreak' });
    log.error('boom', { error: new Error('x') });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain('\n');
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 'info', event: 'sign-in.result', status: 'SUCCESS', refresh_token: REDACTED, note: 'line\nbreak' });
    expect(lines[0]).not.toContain('opaque-refresh-value');
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'error', event: 'boom', error: { name: 'Error' } });
    expect(lines[1]).not.toContain('"message"');
  });

  it('writes debug lines, when asked for them, with console.log', () => {
    const logged: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    createConsoleLogger('debug').debug('renewal.scheduled', { inSeconds: 30 });
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 'debug', event: 'renewal.scheduled', inSeconds: 30 });
  });

  it('keeps the event name and level when a field tries to overwrite them', () => {
    const line = formatLogLine({ level: 'info', event: 'e', fields: { a: 1, level: 'error', event: 'admin.granted' } }, new Date(0));
    expect(JSON.parse(line)).toEqual({ time: '1970-01-01T00:00:00.000Z', level: 'info', event: 'e', a: 1 });
  });
});
