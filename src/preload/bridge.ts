/**
 * The renderer-facing API, built on any transport that can invoke a channel and subscribe to an
 * event. Electron's preload passes ipcRenderer; the web preview passes HTTP. Nothing here imports
 * Electron, so the same implementation is exercised in Chromium tests and in the app.
 */
import {
  CHANNELS,
  EVENTS,
  type AuthView,
  type BridgeMethod,
  type BridgeResult,
  type DesktopAuthApi,
} from '../shared/contract';

export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Subscribe to an event; returns an unsubscribe function. Only the payload is delivered. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

const transportFailure: BridgeResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The app could not reach its background process.' },
};

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createDesktopAuthApi(transport: BridgeTransport): DesktopAuthApi {
  const call =
    (method: BridgeMethod) =>
    async (request?: unknown): Promise<BridgeResult<AuthView>> => {
      try {
        const result = await transport.invoke(CHANNELS[method], request);
        return isBridgeResult(result) ? (result as BridgeResult<AuthView>) : transportFailure;
      } catch {
        return transportFailure;
      }
    };

  return Object.freeze({
    getState: call('getState'),
    signIn: call('signIn'),
    proceed: call('proceed'),
    skip: call('skip'),
    resend: call('resend'),
    chooseAnother: call('chooseAnother'),
    signInWithBrowser: call('signInWithBrowser'),
    reopenBrowser: call('reopenBrowser'),
    recoverPassword: call('recoverPassword'),
    cancel: call('cancel'),
    signOut: call('signOut'),
    refreshProfile: call('refreshProfile'),
    onStateChanged(listener: (view: AuthView) => void) {
      if (typeof listener !== 'function') throw new TypeError('onStateChanged needs a function');
      return transport.subscribe(EVENTS.stateChanged, (payload) => listener(payload as AuthView));
    },
  });
}
