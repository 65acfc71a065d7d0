/**
 * The OAuth 2.0 / OIDC endpoints of the authorization server `/oauth2/default`: discovery,
 * interact, token (interaction_code with PKCE S256, refresh_token with rotation), keys, userinfo,
 * revoke and logout. Errors use the `{error, error_description}` shape Okta uses.
 */
import { createHash } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { jsonReply, oauthError, parseFormBody, randomToken, sameSecret, type Reply, type RequestContext } from '../http/http-util';
import type { TransactionStore } from '../idx/transactions';
import type { BadIdTokenVariant, TokenService } from './tokens';
import { profileClaims } from './tokens';
import type { UserDirectory } from '../org/users';
import type { InteractionCodeGrant } from '../idx/transactions';
import type { AuthorizationCodes } from './authorization-codes';
import { DEFAULT_API_SCOPE } from '../resource-server/index';

/** OIDC's scopes and the demo API's own (idp/resource-server/), as an admin adds a custom scope. */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', DEFAULT_API_SCOPE];

export interface OAuthEnv {
  origin: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  postLogoutRedirectUris: string[];
  users: UserDirectory;
  transactions: TransactionStore;
  tokens: TokenService;
  /** Codes of the browser sign-in (/v1/authorize), for `grant_type=authorization_code`. */
  authorizationCodes: AuthorizationCodes;
  log: (line: string) => void;
}

/** Where Okta's logout sends a browser that gave no post_logout_redirect_uri. */
export const SIGN_IN_PAGE = '/login/default';

const LOOPBACK_HTTP = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?(\/|$)/i;

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

const FORM_REQUIRED = (what: string): Reply =>
  oauthError(415, 'invalid_request', `The ${what} endpoint accepts only application/x-www-form-urlencoded bodies.`);

/** Client id from HTTP Basic auth or the form; `invalid` when Basic auth is present but unreadable. */
function clientIdOf(ctx: RequestContext, form: URLSearchParams): string | undefined | 'invalid' {
  const auth = ctx.headers.authorization;
  if (auth?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const id = decoded.split(':')[0];
    if (!id) return 'invalid';
    try {
      return decodeURIComponent(id);
    } catch {
      return 'invalid'; // a stray % would otherwise throw and end in a 500
    }
  }
  return form.get('client_id') ?? undefined;
}

export class OAuthHandlers {
  constructor(private readonly env: OAuthEnv) {}

  wellKnown(): Reply {
    const { issuer } = this.env;
    return jsonReply(200, {
      issuer,
      authorization_endpoint: `${issuer}/v1/authorize`,
      token_endpoint: `${issuer}/v1/token`,
      userinfo_endpoint: `${issuer}/v1/userinfo`,
      jwks_uri: `${issuer}/v1/keys`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'interaction_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: SUPPORTED_SCOPES,
      // One public client, no secrets: only what the emulator implements is advertised.
      token_endpoint_auth_methods_supported: ['none'],
      claims_supported: ['iss', 'ver', 'sub', 'aud', 'iat', 'exp', 'jti', 'auth_time', 'amr', 'idp', 'nonce', 'name',
        'preferred_username', 'given_name', 'family_name', 'email', 'email_verified', 'zoneinfo', 'locale', 'at_hash'],
      code_challenge_methods_supported: ['S256'],
      revocation_endpoint: `${issuer}/v1/revoke`,
      revocation_endpoint_auth_methods_supported: ['none'],
      end_session_endpoint: `${issuer}/v1/logout`,
      request_parameter_supported: false,
    });
  }

  keys(): Reply {
    return jsonReply(200, this.env.tokens.jwks(), { 'Cache-Control': 'max-age=300' });
  }

  interact(ctx: RequestContext): Reply {
    const form = parseFormBody(ctx);
    if (!form.ok) return FORM_REQUIRED('interact');
    const p = form.value;
    if (p.get('client_id') !== this.env.clientId) {
      return oauthError(401, 'invalid_client', "Invalid value for 'client_id' parameter.");
    }
    const redirectUri = p.get('redirect_uri');
    if (!redirectUri) return oauthError(400, 'invalid_request', "The 'redirect_uri' parameter is required.");
    if (redirectUri !== this.env.redirectUri) {
      return oauthError(400, 'invalid_request', "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
    }
    const challenge = p.get('code_challenge');
    if (!challenge || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) {
      return oauthError(400, 'invalid_request', "The PKCE 'code_challenge' parameter is missing or malformed.");
    }
    if (p.get('code_challenge_method') !== 'S256') {
      return oauthError(400, 'invalid_request', "'code_challenge_method' must be S256.");
    }
    const scopes = (p.get('scope') ?? 'openid email').split(/\s+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !SUPPORTED_SCOPES.includes(s))) {
      return oauthError(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
    }
    const tx = this.env.transactions.create({
      clientId: this.env.clientId,
      redirectUri,
      scopes,
      codeChallenge: challenge,
      state: p.get('state') ?? undefined,
      nonce: p.get('nonce') ?? undefined,
    });
    return jsonReply(200, { interaction_handle: tx.interactionHandle });
  }

  async token(ctx: RequestContext, badIdToken?: BadIdTokenVariant): Promise<Reply> {
    const form = parseFormBody(ctx);
    if (!form.ok) return FORM_REQUIRED('token');
    const p = form.value;
    const clientId = clientIdOf(ctx, p);
    if (clientId !== this.env.clientId) {
      return oauthError(401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.');
    }
    switch (p.get('grant_type')) {
      case 'interaction_code':
        return this.interactionCodeGrant(p, badIdToken);
      case 'authorization_code':
        return this.authorizationCodeGrant(p, badIdToken);
      case 'refresh_token':
        return this.refreshGrant(p, badIdToken);
      case null:
        return oauthError(400, 'invalid_request', "The 'grant_type' parameter is required.");
      default:
        return oauthError(400, 'unsupported_grant_type', "The 'grant_type' parameter is not supported by this emulator.");
    }
  }

  private async interactionCodeGrant(p: URLSearchParams, badIdToken?: BadIdTokenVariant): Promise<Reply> {
    const code = p.get('interaction_code');
    if (!code) return oauthError(400, 'invalid_request', "The 'interaction_code' parameter is required.");
    if (!p.get('code_verifier')) return oauthError(400, 'invalid_request', "The PKCE 'code_verifier' parameter is required.");
    const grant = this.env.transactions.redeemCode(code);
    if (!grant) return oauthError(400, 'invalid_grant', 'The interaction code is invalid or has expired.');
    return this.redeem(grant, p, badIdToken);
  }

  /** The browser sign-in's code (RFC 6749 §4.1.3): single use, same redirect URI, PKCE S256. */
  private async authorizationCodeGrant(p: URLSearchParams, badIdToken?: BadIdTokenVariant): Promise<Reply> {
    const code = p.get('code');
    if (!code) return oauthError(400, 'invalid_request', "The 'code' parameter is required.");
    if (!p.get('code_verifier')) return oauthError(400, 'invalid_request', "The PKCE 'code_verifier' parameter is required.");
    const grant = this.env.authorizationCodes.redeem(code);
    if (!grant) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.');
    return this.redeem(grant, p, badIdToken);
  }

  /** Tokens for a redeemed code, once its redirect URI and PKCE verifier match the request that got it. */
  private async redeem(grant: InteractionCodeGrant, p: URLSearchParams, badIdToken?: BadIdTokenVariant): Promise<Reply> {
    if (p.get('redirect_uri') !== grant.redirectUri) {
      return oauthError(400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
    }
    if (!sameSecret(s256(p.get('code_verifier') ?? ''), grant.codeChallenge)) return oauthError(400, 'invalid_grant', 'PKCE verification failed.');
    const user = this.env.users.findById(grant.userId);
    if (!user) return oauthError(400, 'invalid_grant', 'The interaction code is invalid or has expired.');
    // The `sid` claim of the tokens; the emulator keeps no session state behind it.
    const sessionId = `102${randomToken(16)}`;
    const response = await this.env.tokens.issue({
      user,
      clientId: grant.clientId,
      scopes: grant.scopes,
      nonce: grant.nonce,
      authTime: grant.authTime,
      sessionId,
      badIdToken,
    });
    this.env.log(`tokens issued for ${user.login} (scope ${grant.scopes.join(' ')})`);
    return jsonReply(200, response, { Pragma: 'no-cache' });
  }

  private async refreshGrant(p: URLSearchParams, badIdToken?: BadIdTokenVariant): Promise<Reply> {
    const refreshToken = p.get('refresh_token');
    if (!refreshToken) return oauthError(400, 'invalid_request', "The 'refresh_token' parameter is required.");
    const record = this.env.tokens.active(refreshToken, 'refresh');
    if (!record || record.clientId !== this.env.clientId) {
      return oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.');
    }
    const requested = p.get('scope')?.split(/\s+/).filter(Boolean);
    if (requested && requested.some((s) => !record.scopes.includes(s))) {
      return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
    }
    const user = this.env.users.findById(record.userId);
    if (!user || user.status === 'LOCKED_OUT' || user.status === 'SUSPENDED') {
      return oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.');
    }
    this.env.tokens.retire(refreshToken);
    const scopes = requested && requested.length ? requested : record.scopes;
    // Keep offline_access so the rotated refresh token is issued again.
    const response = await this.env.tokens.issue({
      user,
      clientId: record.clientId,
      scopes: scopes.includes('offline_access') ? scopes : [...scopes, 'offline_access'],
      // The person did not authenticate again: the new ID token keeps the original auth_time
      // (OIDC Core 12.2), so "signed in at" stays true across renewals.
      authTime: record.authTime,
      sessionId: record.sessionId,
      badIdToken,
    });
    response.scope = scopes.join(' ');
    this.env.log(`tokens refreshed for ${user.login}`);
    return jsonReply(200, response, { Pragma: 'no-cache' });
  }

  userinfo(ctx: RequestContext): Reply {
    const auth = ctx.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const record = match?.[1] ? this.env.tokens.active(match[1], 'access') : undefined;
    const user = record ? this.env.users.findById(record.userId) : undefined;
    if (!record || !user) {
      const error = match ? 'invalid_token' : 'invalid_request';
      const description = match ? 'The access token is invalid.' : 'The access token is missing.';
      return {
        status: 401,
        headers: {
          'WWW-Authenticate': `Bearer authorization_uri="${this.env.issuer}/v1/authorize", realm="${this.env.issuer}", scope="openid", error="${error}", error_description="${description}", resource="/oauth2/default/v1/userinfo"`,
          'Cache-Control': 'no-store',
        },
        body: '',
      };
    }
    return jsonReply(200, { sub: user.id, ...profileClaims(user, record.scopes), updated_at: 1700000000 });
  }

  revoke(ctx: RequestContext): Reply {
    const form = parseFormBody(ctx);
    if (!form.ok) return FORM_REQUIRED('revoke');
    const clientId = clientIdOf(ctx, form.value);
    if (clientId !== this.env.clientId) {
      return oauthError(401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.');
    }
    const token = form.value.get('token');
    if (!token) return oauthError(400, 'invalid_request', "The 'token' parameter is required.");
    // RFC 7009: unknown tokens are not an error. The body is empty with no JSON content type.
    this.env.tokens.revoke(token);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: '' };
  }

  async logout(ctx: RequestContext): Promise<Reply> {
    const hint = ctx.query.get('id_token_hint');
    const redirect = ctx.query.get('post_logout_redirect_uri');
    const state = ctx.query.get('state');
    if (!hint) return oauthError(400, 'invalid_request', "The 'id_token_hint' parameter is required.");
    let claims: Record<string, unknown>;
    try {
      // Expired id tokens are accepted as hints (as Okta does); the signature must still be ours.
      const key = await importJWK(this.env.tokens.publicJwk, 'RS256');
      const { payload } = await compactVerify(hint, key);
      claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    } catch {
      return oauthError(400, 'invalid_request', "The 'id_token_hint' parameter is invalid.");
    }
    if (claims.iss !== this.env.issuer || claims.aud !== this.env.clientId) {
      return oauthError(400, 'invalid_request', "The 'id_token_hint' parameter is invalid.");
    }
    if (redirect && !this.logoutRedirectAllowed(redirect)) {
      return oauthError(400, 'invalid_request', "The 'post_logout_redirect_uri' parameter must be a Logout redirect URI in the client app settings.");
    }
    this.env.log('signed out (logout)');
    if (redirect) {
      const target = new URL(redirect);
      if (state) target.searchParams.set('state', state);
      return { status: 302, headers: { Location: target.toString(), 'Cache-Control': 'no-store' }, body: '' };
    }
    // Without a post_logout_redirect_uri Okta sends the browser to the org's sign-in page.
    return { status: 302, headers: { Location: `${this.env.origin}${SIGN_IN_PAGE}`, 'Cache-Control': 'no-store' }, body: '' };
  }

  private logoutRedirectAllowed(uri: string): boolean {
    try {
      new URL(uri);
    } catch {
      return false;
    }
    return this.env.postLogoutRedirectUris.includes(uri) || LOOPBACK_HTTP.test(uri);
  }
}
