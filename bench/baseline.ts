/**
 * The baseline the app is compared with: okta-auth-js called the way Okta's
 * express-embedded-auth-with-sdk sample does it, one new OktaAuth per request with the
 * transaction kept in that request's own storage, legacy `idx.authenticate`, then
 * `tokenManager.setTokens` and `token.getUserInfo`. Nothing of the app is used here on purpose.
 */
import { OktaAuth, type SimpleStorage } from '@okta/okta-auth-js';
import type { AppConfig } from '../src/main/node';

function requestStorage(): SimpleStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export interface BaselineOptions {
  /**
   * The sample leaves the SDK's `cache` section (well-known, keys) at its Node default, a store
   * shared by every instance in the process: warm after the first request. `coldCache` gives each
   * instance its own, so it fetches both again, like an app that has just been launched.
   */
  readonly coldCache?: boolean;
}

/** One sign-in request of the sample; throws unless it ends signed in with a profile. */
export async function baselineSignIn(config: AppConfig, username: string, password: string, options: BaselineOptions = {}): Promise<void> {
  const authClient = new OktaAuth({
    issuer: config.issuer,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scopes: [...config.scopes],
    idx: { enableLegacyMode: true },
    tokenManager: { autoRenew: false, autoRemove: false },
    storageManager: {
      transaction: { storageProvider: requestStorage() },
      ...(options.coldCache ? { cache: { storageProvider: requestStorage() } } : {}),
    },
  });
  const transaction = await authClient.idx.authenticate({ username, password });
  if (transaction.status !== 'SUCCESS' || !transaction.tokens) throw new Error(`baseline sign-in ended ${transaction.status}`);
  authClient.tokenManager.setTokens(transaction.tokens);
  const userInfo = await authClient.token.getUserInfo(transaction.tokens.accessToken, transaction.tokens.idToken);
  if (!userInfo.sub) throw new Error('baseline userinfo has no sub');
}
