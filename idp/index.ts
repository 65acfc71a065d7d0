/**
 * Local emulator of an Okta org (Identity Engine, authorization server `default`) that the real,
 * unmodified @okta/okta-auth-js completes the embedded password flow against.
 *
 *   const idp = await startIdp();            // demo users, free port, client `desktop-app-client`
 *   new OktaAuth({ issuer: idp.issuer, clientId: idp.clientId, redirectUri: idp.redirectUri, ... })
 *   await idp.close();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultRegistry } from './admin/faults';
import { IdxHandlers } from './idx/handlers';
import { OAuthHandlers } from './oauth/handlers';
import { Router } from './http/router';
import { TokenService, createSigningKey } from './oauth/tokens';
import { TransactionStore } from './idx/transactions';
import { DEMO_PASSWORD, DEMO_USERS_FILE, UserDirectory, loadOrgFile, parseOrgFile } from './org/users';
import { resolveSelfService } from './idx/self-service';
import { randomToken } from './http/http-util';
import { Outbox } from './admin/outbox';
import { answerPush } from './authenticators/okta-verify';
import type { FactorEnv } from './authenticators/types';
import { AuthorizationCodes } from './oauth/authorization-codes';
import { BrowserSignIn } from './oauth/authorize';
import { STAND_IN_IDP } from './oauth/stand-in-idp';
import { webauthnOrigin } from './authenticators/webauthn';
import { startResourceServer } from './resource-server/index';
import type { IdpOptions, RunningIdp } from './types';

export type {
  IdpUser,
  IdpUserStatus,
  IdpGroup,
  IdpOptions,
  FaultSpec,
  IdpEndpoint,
  RunningIdp,
  FaultControl,
  SignInPolicy,
  OutboxMessage,
} from './types';
export { BAD_ID_TOKEN_VARIANTS, IDP_ENDPOINTS } from './types';
export { DEMO_PASSWORD, DEMO_USERS_FILE, loadOrgFile, loadUsersFile } from './org/users';
export { startResourceServer, TASKS_PATH, DEFAULT_API_AUDIENCE, DEFAULT_API_SCOPE, type RunningResourceServer } from './resource-server/index';

export const DEFAULT_CLIENT_ID = 'desktop-app-client';
export const DEFAULT_REDIRECT_URI = 'com.example.desktop:/callback';
export const DEFAULT_POST_LOGOUT_REDIRECT_URI = 'com.example.desktop:/logout';
/** The browser sign-in's loopback redirect, as an admin registers it on a Native app: any port (RFC 8252 §7.3). */
export const DEFAULT_BROWSER_REDIRECT_URIS = ['http://127.0.0.1/callback'];

function positiveInt(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`startIdp: ${name} must be an integer >= ${min} (got ${String(value)})`);
  return value;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startIdp(options: IdpOptions = {}): Promise<RunningIdp> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`startIdp: port must be 0-65535 (got ${String(port)})`);
  const policy = options.policy ?? 'one-page';
  if (policy !== 'one-page' && policy !== 'identifier-first') throw new Error(`startIdp: unknown policy ${String(policy)}`);
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const redirectUri = options.redirectUri ?? DEFAULT_REDIRECT_URI;
  if (!clientId || !redirectUri) throw new Error('startIdp: clientId and redirectUri must not be empty');
  const lockoutThreshold = positiveInt('lockoutThreshold', options.lockoutThreshold, 5);
  const ttls = {
    accessTokenTtlSeconds: positiveInt('accessTokenTtlSeconds', options.accessTokenTtlSeconds, 3600),
    idTokenTtlSeconds: positiveInt('idTokenTtlSeconds', options.idTokenTtlSeconds, 3600),
    refreshTokenTtlSeconds: positiveInt('refreshTokenTtlSeconds', options.refreshTokenTtlSeconds, 7 * 24 * 3600),
  };
  const transactionTtlMs = positiveInt('transactionTtlSeconds', options.transactionTtlSeconds, 600) * 1000;
  const codeTtlMs = positiveInt('interactionCodeTtlSeconds', options.interactionCodeTtlSeconds, 60) * 1000;
  const sweepIntervalMs = positiveInt('sweepIntervalMs', options.sweepIntervalMs, 30_000, 10);
  const settings = {
    codeTtlMs: positiveInt('passcodeTtlSeconds', options.passcodeTtlSeconds, 300) * 1000,
    resendCooldownMs: positiveInt('resendCooldownSeconds', options.resendCooldownSeconds, 30, 0) * 1000,
    pollRefreshMs: positiveInt('pollRefreshMs', options.pollRefreshMs, 4000, 100),
    orgName: 'Emulator',
  };
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});

  const usingDemoUsers = !options.users && !options.usersFile;
  const { users, org } = options.users
    ? parseOrgFile({ users: options.users, groups: options.groups }, 'options.users')
    : loadOrgFile(options.usersFile ?? DEMO_USERS_FILE);
  const selfService = resolveSelfService(options, org);
  const directory = await UserDirectory.create(users, options.passwordHashCost);
  const key = await createSigningKey(`emu-${randomToken(8)}`);

  const server = createServer();
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const boundPort = await listen(server, port);
  const origin = `http://127.0.0.1:${boundPort}`;
  const issuer = `${origin}/oauth2/default`;

  const transactions = new TransactionStore(transactionTtlMs, codeTtlMs, now);
  const tokens = new TokenService(issuer, key, ttls, now);
  const faults = new FaultRegistry();
  const outbox = new Outbox(now, options.onOutbox);
  const factors: FactorEnv = { origin, settings, now, outbox, log };
  const identityProviders = options.identityProvider ? [STAND_IN_IDP] : [];
  const idx = new IdxHandlers({ origin, issuer, policy, clientId, lockoutThreshold, users: directory, transactions, log, factors, identityProviders, ...selfService });
  const authorizationCodes = new AuthorizationCodes(codeTtlMs, now);
  const browserRedirectUris = options.browserRedirectUris ?? DEFAULT_BROWSER_REDIRECT_URIS;
  // Assigned below: the hosted page runs the router's own IDX handlers.
  let router: Router | undefined;
  const browser = new BrowserSignIn({
    origin,
    pageOrigin: webauthnOrigin(origin).origin,
    clientId,
    redirectUris: [redirectUri, ...browserRedirectUris],
    transactions,
    codes: authorizationCodes,
    users: directory,
    identityProviders,
    idx: (path, ctx) => router!.idx(path, ctx),
    log,
    now,
  });
  const oauth = new OAuthHandlers({
    origin,
    issuer,
    clientId,
    redirectUri,
    postLogoutRedirectUris: options.postLogoutRedirectUris ?? [redirectUri, DEFAULT_POST_LOGOUT_REDIRECT_URI],
    users: directory,
    transactions,
    tokens,
    authorizationCodes,
    log,
  });
  const adminToken = randomToken(24);
  router = new Router({
    idx,
    oauth,
    faults,
    log,
    port: boundPort,
    adminToken,
    outbox,
    browser,
    // The "phone": the newest waiting push of that login is approved or denied.
    answerPush: (login, decision) => {
      for (const ctx of idx.factorContexts(login, 'okta_verify')) {
        const answered = answerPush(ctx, decision);
        if (answered) return answered;
      }
      return undefined;
    },
  });
  const routing = router;
  server.on('request', (req, res) => void routing.handle(req, res));
  // A malformed request line or headers: answer 400 instead of letting the error escape.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const sweeper = setInterval(() => {
    transactions.sweep();
    tokens.sweep();
    browser.sweep();
  }, sweepIntervalMs);
  sweeper.unref();

  // The API judges tokens by the org's JWKS over HTTP, like any API; revocation it learns in
  // process, where a real API would ask /v1/introspect.
  const api =
    options.api === false
      ? undefined
      : await startResourceServer({
          issuer,
          port: options.api?.port ?? 0,
          ...(options.api?.tasks ? { tasks: options.api.tasks } : {}),
          now,
          isActive: (token) => tokens.active(token, 'access') !== undefined,
        }).catch(async (error: unknown) => {
          clearInterval(sweeper);
          await new Promise<void>((resolve) => server.close(() => resolve()));
          throw error;
        });

  log(`Okta emulator listening: issuer ${issuer}, client ${clientId}, policy ${policy}`);

  let closing: Promise<void> | undefined;
  return {
    issuer,
    origin,
    port: boundPort,
    clientId,
    redirectUri,
    browserRedirectUris,
    identityProviders: identityProviders.map(({ id, name }) => ({ id, name })),
    adminToken,
    ...(usingDemoUsers ? { demoPassword: DEMO_PASSWORD } : {}),
    faults: {
      set: (endpoint, fault) => faults.set(endpoint, fault),
      clear: (endpoint) => faults.clear(endpoint),
      list: () => faults.list(),
      release: () => faults.release(),
      holding: () => faults.holding(),
    },
    outbox: (login) => outbox.list(login),
    counts: () => routing.getCounts(),
    resetCounts: () => routing.resetCounts(),
    isTokenActive: (token) => tokens.active(token) !== undefined,
    liveTokenCount: (login) => {
      const user = directory.findByLogin(login);
      return user ? tokens.liveCount(user.id) : 0;
    },
    revokeTokens: (login) => {
      const user = directory.findByLogin(login);
      return user ? tokens.revokeUser(user.id) : 0;
    },
    ...(api ? { api } : {}),
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(sweeper);
        faults.release(); // no latency timer outlives the emulator
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => api?.close());
      return closing;
    },
  };
}
