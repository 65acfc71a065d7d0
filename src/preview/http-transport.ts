/**
 * The web preview's stand-in for ipcRenderer: calls go to the local preview server over HTTP and
 * pushed events arrive over Server-Sent Events. Same origin only; the server checks that too.
 *
 * Every request carries the server's per-run bridge token, which the page gets from its own URL
 * fragment (`#bridge-token=…`, in the URL the server prints): a fragment is never sent to the
 * server, so a local process that fetches the page learns nothing, and without the printed URL
 * it cannot drive the bridge however it forges Host and Origin.
 */
import type { BridgeTransport } from '../preload/bridge';

export const BRIDGE_PATHS = {
  invoke: '/__bridge/invoke',
  events: '/__bridge/events',
} as const;

/** The fragment key and events query parameter that carry the token (EventSource sends no headers). */
export const BRIDGE_TOKEN_PARAM = 'bridge-token';
/** The request header that carries the token on invoke. */
export const BRIDGE_TOKEN_HEADER = 'X-Bridge-Token';
/**
 * The request header that carries the page's language on invoke: in the desktop app main decides
 * the language and the window follows it; in the preview the page's `?lang=` decides, and main
 * speaks it to the org as the desktop app speaks its own.
 */
export const BRIDGE_LANGUAGE_HEADER = 'X-Bridge-Language';

/** The token in a page URL's fragment (`location.hash`), or '' (then the server refuses every call). */
export function readBridgeToken(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get(BRIDGE_TOKEN_PARAM) ?? '';
}

export function createHttpTransport(token: string, language: string): BridgeTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  // One EventSource for all subscriptions, opened on first use and closed with the last one.
  function attach(event: string) {
    source ??= new EventSource(`${BRIDGE_PATHS.events}?${new URLSearchParams({ [BRIDGE_TOKEN_PARAM]: token })}`);
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
        headers: { 'Content-Type': 'application/json', [BRIDGE_TOKEN_HEADER]: token, [BRIDGE_LANGUAGE_HEADER]: language },
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
