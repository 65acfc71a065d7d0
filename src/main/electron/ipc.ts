/** Registers one `ipcMain.handle` per channel; checks the sender, then forwards to AuthApp. */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, EVENTS, type BridgeResult } from '../../shared/contract';
import type { AuthApp } from '../app';
import { isAllowedSender } from '../ipc/sender-check';

const FORBIDDEN: BridgeResult<never> = { ok: false, error: { code: 'forbidden', message: 'This page may not use the sign-in bridge.' } };

export function registerIpc(authApp: AuthApp, window: BrowserWindow, allowedOrigin: string): () => void {
  const channels = Object.values(CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      const allowed =
        event.sender === window.webContents &&
        isAllowedSender({ frameUrl: frame?.url, isMainFrame: frame !== null && frame === window.webContents.mainFrame }, allowedOrigin);
      return allowed ? authApp.invoke(channel, payload) : FORBIDDEN;
    });
  }
  const unsubscribe = authApp.onStateChanged((view) => {
    if (!window.isDestroyed()) window.webContents.send(EVENTS.stateChanged, view);
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
