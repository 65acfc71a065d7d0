/**
 * The log file a support engineer can find: a packaged app has no terminal on Windows or macOS,
 * so its console output is lost. electron-log's file transport (its Node entry: no Electron
 * import, and no IPC channel registered for renderers to write through) appends each line the
 * app's logger made, already redacted, and rotates at `maxBytes` (the file is moved to
 * `main.old.log` and started again), so the folder stays bounded at about twice that.
 * The Electron layer passes the OS log folder (`app.getPath('logs')`).
 */
import log from 'electron-log/node';
import type { LogWriter } from './logger';

export const LOG_FILE_NAME = 'main.log';
export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;

export interface LogFileOptions {
  readonly path: string;
  readonly maxBytes?: number;
}

export function createLogFileWriter({ path, maxBytes = DEFAULT_MAX_LOG_BYTES }: LogFileOptions): LogWriter {
  const logger = log.create({ logId: `okta-desktop-signin:${path}` });
  // Only the file: the app writes the console itself, and nothing is sent anywhere.
  logger.transports.console.level = false;
  if (logger.transports.remote) logger.transports.remote.level = false;
  logger.transports.file.level = 'silly';
  logger.transports.file.resolvePathFn = () => path;
  // The line is already a complete JSON object with its own time and level.
  logger.transports.file.format = '{text}';
  logger.transports.file.maxSize = maxBytes;
  return (level, line) => logger[level](line);
}
