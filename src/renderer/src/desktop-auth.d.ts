import type { DesktopAuthApi } from '../../shared/contract';

// The preload (or the web preview entry) installs the bridge before the app starts.
declare global {
  interface Window {
    readonly desktopAuth: DesktopAuthApi;
  }
}

export {};
