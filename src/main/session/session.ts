/**
 * The signed-in session: what happens after a successful sign-in (tokens into the SDK's token
 * manager and the vault, profile from userinfo), restoring it at startup, refreshing the profile
 * and signing out. Tokens stay here; only the profile and the storage mode reach a view.
 */
import type { OktaAuth, Tokens } from '@okta/okta-auth-js';
import type { AuthView, TokenStorage, UiMessage, UserProfile } from '../../shared/contract';
import type { IdpTransport } from '../auth/http-client';
import { classifyFailure, failureView } from '../auth/map-error';
import { toUserProfile } from '../auth/profile';
import type { Logger } from '../log/logger';
import type { TokenVault } from './vault';

export type SignedInView = Extract<AuthView, { status: 'signed-in' }>;

export interface Session {
  /** Stores the tokens and fetches the profile; a failure view if the profile cannot be read. */
  complete(tokens: Tokens, messages: ReadonlyArray<UiMessage>): Promise<AuthView>;
  /** The stored session if its access token is still valid, else undefined (and the entry removed). */
  restore(): Promise<AuthView>;
  refreshProfile(): Promise<AuthView>;
  signOut(): Promise<AuthView>;
  /** Tokens of the current session, for tests and later renewal code. Never sent to the renderer. */
  currentTokens(): Tokens | undefined;
}

/** Seconds of validity an access token must have left to count as usable at startup. */
const MIN_REMAINING_SECONDS = 60;

export const REVOCATION_FAILED: UiMessage = {
  level: 'warning',
  text: 'You are signed out on this computer, but the sign-in service could not be told. Your session there will end when it expires.',
};
export const SESSION_EXPIRED: UiMessage = { level: 'info', text: 'Your previous session has expired. Please sign in again.' };
export const PROFILE_REFRESH_FAILED: UiMessage = { level: 'warning', text: 'Your profile could not be refreshed. Showing the last known details.' };

interface Current {
  tokens: Tokens;
  profile: UserProfile;
  storage: TokenStorage;
}

export function createSession(oktaAuth: OktaAuth, transport: IdpTransport, vault: TokenVault, log: Logger): Session {
  let current: Current | undefined;

  const signedIn = (c: Current, messages: ReadonlyArray<UiMessage>): SignedInView => ({
    status: 'signed-in',
    profile: c.profile,
    storage: c.storage,
    messages,
  });

  async function fetchProfile(tokens: Tokens): Promise<UserProfile | AuthView> {
    transport.takeFailure();
    try {
      const claims = await oktaAuth.token.getUserInfo(tokens.accessToken, tokens.idToken);
      return toUserProfile(claims) ?? failureView('idp-error');
    } catch (error) {
      const view = classifyFailure(error, transport.takeFailure());
      log.warn('session.userinfo-failed', { code: view.code, error: error instanceof Error ? error.name : typeof error });
      return view;
    }
  }

  function forget(): void {
    current = undefined;
    oktaAuth.tokenManager.clear();
    vault.clear();
  }

  return {
    async complete(tokens, messages) {
      oktaAuth.tokenManager.setTokens(tokens);
      const profile = await fetchProfile(tokens);
      if ('status' in profile) {
        forget();
        return profile;
      }
      const saved = await vault.save({ tokens, profile });
      current = { tokens, profile, storage: saved.storage };
      log.info('session.signed-in', { storage: saved.storage });
      return signedIn(current, [...messages, ...saved.messages]);
    },

    async restore() {
      const loaded = await vault.load();
      const stored = loaded.session;
      if (!stored) return { status: 'signed-out', messages: loaded.messages };
      const expiresAt = stored.tokens.accessToken?.expiresAt ?? 0;
      if (expiresAt - Date.now() / 1000 < MIN_REMAINING_SECONDS) {
        // Renewal with the refresh token is a later issue; until then an expired session is dropped.
        vault.clear();
        return { status: 'signed-out', messages: [SESSION_EXPIRED] };
      }
      oktaAuth.tokenManager.setTokens(stored.tokens);
      current = { tokens: stored.tokens, profile: stored.profile, storage: 'encrypted' };
      log.info('session.restored');
      return signedIn(current, loaded.messages);
    },

    async refreshProfile() {
      if (!current) return { status: 'signed-out', messages: [] };
      const profile = await fetchProfile(current.tokens);
      if ('status' in profile) return signedIn(current, [PROFILE_REFRESH_FAILED]);
      current = { ...current, profile };
      if (current.storage === 'encrypted') {
        const saved = await vault.save({ tokens: current.tokens, profile });
        current = { ...current, storage: saved.storage };
        return signedIn(current, saved.messages);
      }
      return signedIn(current, []);
    },

    async signOut() {
      const tokens = current?.tokens;
      // Local state goes first: whatever the IdP says, this computer must be signed out.
      forget();
      let revoked = true;
      if (tokens?.refreshToken) revoked = (await revoke('refresh', () => oktaAuth.revokeRefreshToken(tokens.refreshToken))) && revoked;
      if (tokens?.accessToken) revoked = (await revoke('access', () => oktaAuth.revokeAccessToken(tokens.accessToken))) && revoked;
      log.info('session.signed-out', { revoked });
      return { status: 'signed-out', messages: revoked ? [] : [REVOCATION_FAILED] };
    },

    currentTokens: () => current?.tokens,
  };

  async function revoke(kind: string, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      log.warn('session.revoke-failed', { kind, error: error instanceof Error ? error.name : typeof error });
      return false;
    }
  }
}
