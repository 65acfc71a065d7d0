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
  type BridgeResponse,
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
  // Optional chaining covers null, undefined and primitives alike (a primitive has no `ok`).
  return typeof (value as { ok?: unknown } | null | undefined)?.ok === 'boolean';
}

export function createDesktopAuthApi(transport: BridgeTransport): DesktopAuthApi {
  // Main answers each channel with its method's response (checked there by the compiler); the
  // transport only carries it, so the method's own signature is asserted here, once.
  const call = <M extends BridgeMethod>(method: M): DesktopAuthApi[M] =>
    (async (request?: unknown): Promise<BridgeResult<BridgeResponse>> => {
      try {
        const result = await transport.invoke(CHANNELS[method], request);
        return isBridgeResult(result) ? (result as BridgeResult<BridgeResponse>) : transportFailure;
      } catch {
        return transportFailure;
      }
    }) as DesktopAuthApi[M];

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
    unlockAccount: call('unlockAccount'),
    register: call('register'),
    cancel: call('cancel'),
    abortCall: call('abortCall'),
    signOut: call('signOut'),
    refreshProfile: call('refreshProfile'),
    getTasks: call('getTasks'),
    getBranding: call('getBranding'),
    checkConfiguration: call('checkConfiguration'),
    openConfigurationFolder: call('openConfigurationFolder'),
    onStateChanged(listener: (view: AuthView) => void) {
      if (typeof listener !== 'function') throw new TypeError('onStateChanged needs a function');
      return transport.subscribe(EVENTS.stateChanged, (payload) => listener(payload as AuthView));
    },
  });
}
