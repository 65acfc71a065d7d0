/**
 * The web preview's stand-in for ipcRenderer: calls go to the local preview server over HTTP and
 * pushed events arrive over Server-Sent Events. Same origin only; the server checks that too.
 */
import type { BridgeTransport } from '../preload/bridge';

export const BRIDGE_PATHS = {
  invoke: '/__bridge/invoke',
  events: '/__bridge/events',
} as const;

export function createHttpTransport(): BridgeTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  // One EventSource for all subscriptions, opened on first use and closed with the last one.
  function attach(event: string) {
    source ??= new EventSource(BRIDGE_PATHS.events);
    source.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return; // Not ours to interpret; the next full view will arrive with the next event.
      }
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  }

  return {
    async invoke(channel, payload) {
      const response = await fetch(BRIDGE_PATHS.invoke, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel, payload }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      // The server answers every request, refused ones included, with a BridgeResult.
      return (await response.json()) as unknown;
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
        attach(event);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        const anyLeft = [...listeners.values()].some((s) => s.size > 0);
        if (!anyLeft && source !== null) {
          source.close();
          source = null;
          listeners.clear();
        }
      };
    },
  };
}
