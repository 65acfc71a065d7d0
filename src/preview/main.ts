/**
 * Web preview entry: installs the real bridge implementation on an HTTP transport where the
 * preload would have put it, then starts the same React app the Electron window runs.
 */
import { BRIDGE_GLOBAL } from '../shared/contract';
import { createDesktopAuthApi } from '../preload/bridge';
import { mountApp, requestedLocale } from '../renderer/src/mount';
import { createHttpTransport, readBridgeToken } from './http-transport';

// The language the page draws in goes with every call, so main asks the org for the same one.
const language = requestedLocale(window.location.search, navigator.languages);
const api = createDesktopAuthApi(createHttpTransport(readBridgeToken(window.location.hash), language));
Object.defineProperty(window, BRIDGE_GLOBAL, { value: api, writable: false, configurable: false });
mountApp(document.getElementById('root'), api);
