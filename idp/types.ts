/**
 * Public types of the local Okta Identity Engine emulator. Other areas (main process tests, e2e,
 * the CLI) code against these names; keep them stable.
 */
import type { RunningResourceServer, TaskLists } from './resource-server/index';
import type { AuthenticatorsInput } from './authenticators/schema';
import type { PolicyInput } from './authenticators/policy';
import type { OutboxMessage } from './admin/outbox';
import type { RegistrationInput, SelfServiceKey } from './idx/self-service';

export type IdpUserStatus = 'ACTIVE' | 'LOCKED_OUT' | 'SUSPENDED' | 'PASSWORD_EXPIRED' | 'PASSWORD_WARN';

export interface IdpUser {
  login: string;
  password: string;
  status: IdpUserStatus;
  profile: {
    name?: string;
    given_name?: string;
    family_name?: string;
    email?: string;
    [k: string]: unknown;
  };
  /**
   * Enrolled authenticators; always contains "password". Anything else (e.g. "okta_email") is
   * enrolled too; an entry without data under `authenticators` is enrolled as Email.
   */
  factors: string[];
  /** Enrolled authenticators with their data: email address, phone number, TOTP secrets, security question. */
  authenticators?: AuthenticatorsInput;
  /** Which factors sign-in requires and which must or may be enrolled; else the first of `groups` with one. */
  policy?: PolicyInput;
  groups?: string[];
}

/** A group of users sharing a sign-in policy (the first group of a user's that has one applies). */
export interface IdpGroup {
  name: string;
  policy?: PolicyInput;
}

export type { OutboxMessage };

export type SignInPolicy = 'one-page' | 'identifier-first';

export interface IdpOptions {
  /** 0 (default) = a free port. The server only ever listens on 127.0.0.1. */
  port?: number;
  /** Default `desktop-app-client`. */
  clientId?: string;
  /** Default `com.example.desktop:/callback`. */
  redirectUri?: string;
  /** Allowed `post_logout_redirect_uri` values. Default: the redirect URI, `com.example.desktop:/logout`, and any http URL on 127.0.0.1/localhost. */
  postLogoutRedirectUris?: string[];
  /** Default: the demo users in idp/org/users.demo.json. */
  users?: IdpUser[];
  /** Groups the `users` refer to (a users file carries its own). */
  groups?: IdpGroup[];
  /** A users file in the demo file's format; ignored when `users` is given. */
  usersFile?: string;
  /** Default `one-page`. */
  policy?: SignInPolicy;
  /**
   * Self-service password recovery ("Forgot password?"): the authenticators that may prove who
   * wants to reset, in the org's order. Default: the users file's `org.recovery`, else email and phone; `[]` turns recovery off (no
   * `recover` action is sent). Every user with a profile email can recover by email, as Okta
   * enrolls the primary email of every user.
   */
  recoveryAuthenticators?: SelfServiceKey[];
  /** After a reset: true (default) signs the person in; false ends with "You can now sign in" (terminal), as orgs choose. */
  recoverySignsIn?: boolean;
  /**
   * Self-service account unlock ("Unlock account"): the authenticators that may prove who is
   * locked out. Default: the users file's `org.unlock`, else `[]` (off: no `unlock-account` sent).
   */
  unlockAuthenticators?: SelfServiceKey[];
  /**
   * Self-service registration ("Sign up"): the profile form, activation by email, what a new user
   * must set up. Default: the users file's `org.registration`, else off (`false`: no `select-enroll-profile`).
   */
  registration?: RegistrationInput | false;
  /** Failed passwords in a row before the user becomes LOCKED_OUT. Default 5. */
  lockoutThreshold?: number;
  /**
   * scrypt cost of the password hashes as log2(N), 1-16. Default 4: cheap, so tests and the
   * benchmark measure the protocol; 14 is Node's default (about 25 ms per check), closer to a
   * real org. Known and unknown logins always cost the same.
   */
  passwordHashCost?: number;
  accessTokenTtlSeconds?: number; // default 3600
  idTokenTtlSeconds?: number; // default 3600
  refreshTokenTtlSeconds?: number; // default 604800 (7 days)
  transactionTtlSeconds?: number; // default 600
  interactionCodeTtlSeconds?: number; // default 60
  /** Lifetime of emailed, texted and spoken codes and of magic and activation links. Default 300. */
  passcodeTtlSeconds?: number;
  /** How soon another code may be sent ("Send again"). Default 30. */
  resendCooldownSeconds?: number;
  /** The `refresh` (ms) of poll actions and remediations. Default 4000. */
  pollRefreshMs?: number;
  /** The org's clock (ms since the epoch) for transactions, codes and TOTP. Tests inject one; default Date.now. */
  now?: () => number;
  /** Called with every message the org "sends" (codes and links included): `npm run idp` prints them. */
  onOutbox?: (message: OutboxMessage) => void;
  /** How often expired transactions, codes and tokens are removed. Default 30000 ms. */
  sweepIntervalMs?: number;
  /** Default: silent. Never receives passwords, tokens or codes. */
  log?: (line: string) => void;
  /**
   * Sign-in redirect URIs of the browser sign-in (`/v1/authorize`), besides `redirectUri`. Default
   * `['http://127.0.0.1/callback']`: a loopback URI without a port, which matches any port (RFC 8252 §7.3).
   */
  browserRedirectUris?: string[];
  /** The org has an identity provider (the stand-in "Example Partner"): `redirect-idp` on identify, `idp=` on authorize. Default false. */
  identityProvider?: boolean;
  /**
   * The demo API (idp/resource-server/) beside the org, on its own port: `false` starts none;
   * `port` 0 (default) picks a free one. Its task lists default to the demo's.
   */
  api?: false | { port?: number; tasks?: TaskLists };
}

export type FaultSpec =
  | { kind: 'latency'; ms: number; times?: number }
  | { kind: 'status'; status: number; times?: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number; times?: number }
  | { kind: 'malformed'; times?: number }
  | { kind: 'drop'; times?: number }
  | { kind: 'wrong-content-type'; times?: number }
  /** Token endpoint only: the id_token it issues fails one of the client's checks. */
  | { kind: 'bad-id-token'; variant: (typeof BAD_ID_TOKEN_VARIANTS)[number]; times?: number };

/**
 * How a `bad-id-token` fault spoils the id_token: `signature` (same kid, other key), `issuer`,
 * `audience` (another client), `expired`; `nonce-mismatch` (another nonce than the one sent to
 * interact), `nonce-missing`, `audience-multiple` (this client and another, no `azp`) and
 * `azp-other` (both audiences, `azp` the other client). okta-auth-js 8 checks the first four
 * itself; in an IDX run it checks neither nonce nor azp, so those are the app's to refuse.
 */
export const BAD_ID_TOKEN_VARIANTS = [
  'signature',
  'issuer',
  'audience',
  'expired',
  'nonce-mismatch',
  'nonce-missing',
  'audience-multiple',
  'azp-other',
] as const;

export const IDP_ENDPOINTS = [
  'well-known',
  'interact',
  'introspect',
  'identify',
  'challenge',
  'challenge-answer',
  'challenge-resend',
  'challenge-poll',
  'challenge-send',
  'recover',
  'unlock-account',
  'enroll-profile',
  'credential-enroll',
  'skip',
  'cancel',
  'token',
  'keys',
  'userinfo',
  'revoke',
  'logout',
  'link',
  'authorize',
  'sign-in-page',
  'external-idp',
] as const;

export type IdpEndpoint = (typeof IDP_ENDPOINTS)[number];

export interface FaultControl {
  set(endpoint: IdpEndpoint, fault: FaultSpec): void;
  clear(endpoint?: IdpEndpoint): void;
  list(): Record<string, unknown>;
  /** Answers every request a latency fault is holding now, without waiting out its `ms`. */
  release(): void;
  /** Resolves once a latency fault holds a request (at once when one does now). */
  holding(): Promise<void>;
}

export interface RunningIdp {
  /** `http://127.0.0.1:${port}/oauth2/default` */
  issuer: string;
  /** `http://127.0.0.1:${port}` */
  origin: string;
  port: number;
  clientId: string;
  redirectUri: string;
  /** The browser sign-in's redirect URIs (`http://127.0.0.1/callback`: any port). */
  browserRedirectUris: string[];
  /** The org's identity providers (empty unless `identityProvider`). */
  identityProviders: Array<{ id: string; name: string }>;
  /** This run's secret for `/__admin/*` (`Authorization: Bearer <adminToken>`); random per start. */
  adminToken: string;
  /** The demo users' password, when the demo users are loaded. */
  demoPassword?: string;
  faults: FaultControl;
  /** What the org sent (codes, links, pushes), oldest first; one login's when given. */
  outbox(login?: string): OutboxMessage[];
  counts(): Record<IdpEndpoint, number>;
  resetCounts(): void;
  /** False once the token is revoked, rotated, expired, or was never issued. */
  isTokenActive(token: string): boolean;
  /** Live (not revoked, not expired) access and refresh tokens of a user: for tests that cannot see the tokens. */
  liveTokenCount(login: string): number;
  /** An admin's "clear user sessions": revokes every live token of the user; how many there were. */
  revokeTokens(login: string): number;
  /** The demo API protected by this org (absent with `api: false`). */
  api?: RunningResourceServer;
  close(): Promise<void>;
}
