/** A small structured logger; every implementation redacts its fields (see redact.ts). */
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;
export type Logger = { readonly [L in LogLevel]: (event: string, fields?: LogFields) => void };

export interface LogEntry {
  readonly level: LogLevel;
  readonly event: string;
  readonly fields: Record<string, unknown>;
}

function entry(level: LogLevel, event: string, fields?: LogFields): LogEntry {
  return { level, event, fields: (redact(fields ?? {}) as Record<string, unknown>) };
}

function makeLogger(write: (entry: LogEntry) => void): Logger {
  return {
    debug: (event, fields) => write(entry('debug', event, fields)),
    info: (event, fields) => write(entry('info', event, fields)),
    warn: (event, fields) => write(entry('warn', event, fields)),
    error: (event, fields) => write(entry('error', event, fields)),
  };
}

/** One JSON-ish line per event on the console; `minLevel` hides chattier levels. */
export function createConsoleLogger(minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return makeLogger((e) => {
    if (order.indexOf(e.level) < order.indexOf(minLevel)) return;
    console[e.level === 'debug' ? 'log' : e.level](`[auth] ${e.event}`, JSON.stringify(e.fields));
  });
}

/** Keeps entries in memory, for tests that assert what was (and was not) logged. */
export function createCapturingLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return Object.assign(makeLogger((e) => entries.push(e)), { entries });
}

export const silentLogger: Logger = makeLogger(() => {});
