/** Shows a folder in the system's file manager (Help -> Open Configuration Folder, the needs-configuration screen). */
import { mkdir } from 'node:fs/promises';
import { shell } from 'electron';
import type { Logger } from '../log/logger';

/**
 * Creates `folder` first (on a fresh install the user-data folder may hold nothing yet, and the
 * admin is about to put config.json there), then asks the OS to show it: true when it could.
 */
export async function openFolder(folder: string, log: Logger): Promise<boolean> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    log.warn('app.open-folder-failed', { reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
    return false;
  }
  // Electron answers the OS's error message, or '' when the folder was shown.
  const failure = await shell.openPath(folder);
  if (failure !== '') log.warn('app.open-folder-failed', { reason: failure });
  return failure === '';
}
