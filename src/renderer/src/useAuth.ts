import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthView, BridgeError, BridgeResult, DesktopAuthApi } from '../../shared/contract';

export interface AuthController {
  /** Null until the first answer from the bridge. */
  readonly view: AuthView | null;
  readonly busy: boolean;
  /** The last call the bridge refused (busy, invalid request, ...); cleared by the next call. */
  readonly bridgeError: BridgeError | null;
  /** Grows with every finished call, so screens can move focus even when the view is unchanged. */
  readonly completedCalls: number;
  run(call: (api: DesktopAuthApi) => Promise<BridgeResult<AuthView>>): Promise<void>;
  /** Stops the call in flight (Cancel while waiting); main answers with the sign-in form. */
  abort(): Promise<void>;
}

/** Holds the current view: from the first getState, from each call's result, and from pushes. */
export function useAuth(api: DesktopAuthApi): AuthController {
  const [view, setView] = useState<AuthView | null>(null);
  const [busy, setBusy] = useState(false);
  const [bridgeError, setBridgeError] = useState<BridgeError | null>(null);
  const [completedCalls, setCompletedCalls] = useState(0);
  // A ref, not state, so two clicks in the same frame cannot both start a call.
  const inFlight = useRef(false);

  const apply = useCallback((result: BridgeResult<AuthView>) => {
    if (result.ok) {
      setView(result.value);
      setBridgeError(null);
    } else {
      setBridgeError(result.error);
    }
  }, []);

  useEffect(() => {
    let live = true;
    const unsubscribe = api.onStateChanged((next) => {
      if (live) setView(next);
    });
    void api.getState().then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, apply]);

  const run = useCallback(
    async (call: (api: DesktopAuthApi) => Promise<BridgeResult<AuthView>>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      setBridgeError(null);
      try {
        apply(await call(api));
      } finally {
        inFlight.current = false;
        setBusy(false);
        setCompletedCalls((n) => n + 1);
      }
    },
    [api, apply],
  );

  // Past the in-flight guard on purpose: it is the one call that may run beside another.
  const abort = useCallback(async () => {
    if (inFlight.current) apply(await api.abortCall());
  }, [api, apply]);

  return { view, busy, bridgeError, completedCalls, run, abort };
}
