/**
 * Sandboxed preload: exposes the typed API and nothing else. The renderer never gets ipcRenderer,
 * channel names, or IpcRendererEvent objects.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/contract';
import { createDesktopAuthApi } from './bridge';

const api = createDesktopAuthApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe(event, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
});

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
