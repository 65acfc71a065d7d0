/** A small structured logger; every implementation redacts its fields (see redact.ts). */
import { createRedactor } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;
export type Logger = { readonly [L in LogLevel]: (event: string, fields?: LogFields) => void } & {
  /**
   * Masks `value` wherever it appears in any field of any later line, until the returned function
   * is called: for values the app knows are secret (tokens as they arrive, a password while its
   * request runs), which no pattern would recognise in an error message or a server body.
   */
  readonly registerSecret: (value: string) => () => void;
};

export interface LogEntry {
  readonly level: LogLevel;
  readonly event: string;
  readonly fields: Record<string, unknown>;
}

/** Every logger redacts with its own register of secrets, so one app's secrets stay its own. */
function makeLogger(write: (entry: LogEntry) => void): Logger {
  const redactor = createRedactor();
  const entry = (level: LogLevel, event: string, fields?: LogFields): LogEntry => ({
    level,
    event,
    fields: redactor.redact(fields ?? {}) as Record<string, unknown>,
  });
  return {
    debug: (event, fields) => write(entry('debug', event, fields)),
    info: (event, fields) => write(entry('info', event, fields)),
    warn: (event, fields) => write(entry('warn', event, fields)),
    error: (event, fields) => write(entry('error', event, fields)),
    registerSecret: (value) => redactor.registerSecret(value),
  };
}

/**
 * What a log line says about a caught error: its class name only. Messages from the SDK or the
 * store can carry a server body or a path; redaction catches tokens, not everything else.
 */
export const errorName = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

export const LOG_LEVELS: ReadonlyArray<LogLevel> = ['debug', 'info', 'warn', 'error'];

/** The environment variable that sets how much the app logs (debug, info, warn, error). */
export const LOG_LEVEL_ENV = 'OKTA_APP_LOG_LEVEL';

/** The level named by OKTA_APP_LOG_LEVEL, else `fallback`; an unknown value is ignored, not fatal. */
export function logLevelFromEnv(env: Readonly<Record<string, string | undefined>>, fallback: LogLevel): LogLevel {
  const value = env[LOG_LEVEL_ENV]?.trim().toLowerCase();
  return LOG_LEVELS.find((level) => level === value) ?? fallback;
}

/** One JSON object per line (time, level, event, redacted fields): machine-readable, no log injection. */
export function formatLogLine(e: LogEntry, now = new Date()): string {
  // Fields cannot overwrite the time, level or event of the line.
  return JSON.stringify({ ...e.fields, time: now.toISOString(), level: e.level, event: e.event });
}

/** Where a formatted, already redacted line goes: the console, a log file (log/log-file.ts). */
export type LogWriter = (level: LogLevel, line: string) => void;

export const consoleWriter: LogWriter = (level, line) => console[level === 'debug' ? 'log' : level](line);

/**
 * Writes each event at or above `minLevel` as one JSON line to every writer. Every writer gets
 * the same line, made from the redacted entry: no writer ever sees a raw field. A writer that
 * throws (a full disk) costs that line, never the caller.
 */
export function createLineLogger(minLevel: LogLevel, writers: ReadonlyArray<LogWriter>): Logger {
  return makeLogger((e) => {
    if (LOG_LEVELS.indexOf(e.level) < LOG_LEVELS.indexOf(minLevel)) return;
    const line = formatLogLine(e);
    for (const write of writers) {
      try {
        write(e.level, line);
      } catch {
        // Nowhere left to report it: logging must not break sign-in.
      }
    }
  });
}

/** Writes each event at or above `minLevel` to the console as one JSON line. */
export function createConsoleLogger(minLevel: LogLevel = 'info'): Logger {
  return createLineLogger(minLevel, [consoleWriter]);
}

/** Keeps entries in memory, for tests that assert what was (and was not) logged. */
export function createCapturingLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return Object.assign(makeLogger((e) => entries.push(e)), { entries });
}

export const silentLogger: Logger = makeLogger(() => {});
