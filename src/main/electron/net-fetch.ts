/**
 * The `fetch` the app's IdP client runs on in Electron: `net.fetch` (Chromium's network stack, the
 * OS trust store and proxy settings), adapted where it differs from WHATWG fetch.
 *
 * `net.fetch` rejects every redirect it does not follow with a plain Error, for `redirect: 'error'`
 * ("Attempted to redirect, but redirect policy was 'error'") and for 'manual' too ("Redirect was
 * cancelled"), where WHATWG fetch would answer (lib/common/api/net-client-request.ts, Electron 45).
 * That rejection becomes `RedirectRefusedError`, which the HTTP client reads as an answer from the
 * server rather than a network failure.
 */
import { net } from 'electron';
import { RedirectRefusedError } from '../auth/http-client';

const NET_REDIRECT_REFUSED = /^(Attempted to redirect, but redirect policy was 'error'|Redirect was cancelled)$/;

export const netFetch: typeof fetch = async (input, init) => {
  try {
    return await net.fetch(input instanceof URL ? input.toString() : input, init);
  } catch (error) {
    if (error instanceof Error && NET_REDIRECT_REFUSED.test(error.message)) throw new RedirectRefusedError();
    throw error;
  }
};
