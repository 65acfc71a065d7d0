/**
 * Signing keys and issued tokens. Access and id tokens are RS256 JWTs signed with a key generated
 * at start (published at /v1/keys); refresh tokens are opaque. Every issued access/refresh token is
 * remembered so it can be revoked, rotated and checked; expired ones are swept.
 */
import { createHash } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type CryptoKey } from 'jose';
import { randomToken } from '../http/http-util';
import type { UserRecord } from '../org/users';
import type { FaultSpec } from '../types';

export type BadIdTokenVariant = Extract<FaultSpec, { kind: 'bad-id-token' }>['variant'];

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicJwk: { kty: 'RSA', alg: 'RS256', kid, use: 'sig', e: jwk.e, n: jwk.n } };
}

export interface TokenRecord {
  kind: 'access' | 'refresh';
  userId: string;
  clientId: string;
  scopes: string[];
  sessionId: string;
  /** When the person authenticated (seconds): a refresh keeps it, as OIDC Core 12.2 requires. */
  authTime: number;
  expiresAt: number;
  revoked: boolean;
  /** For a refresh token: the access tokens minted with it (revoked together with it). */
  accessTokens: string[];
}

export interface TokenTtls {
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export interface IssueRequest {
  user: UserRecord;
  clientId: string;
  scopes: string[];
  nonce?: string | undefined;
  authTime: number;
  sessionId: string;
  badIdToken?: BadIdTokenVariant | undefined;
}

export interface TokenResponse {
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  access_token: string;
  id_token?: string;
  refresh_token?: string;
}

function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

export function profileClaims(user: UserRecord, scopes: string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  const p = user.profile;
  if (scopes.includes('profile')) {
    for (const key of ['name', 'given_name', 'family_name', 'locale', 'zoneinfo'] as const) {
      if (typeof p[key] === 'string') claims[key] = p[key];
    }
    claims.preferred_username = user.login;
  }
  if (scopes.includes('email') && typeof p.email === 'string') {
    claims.email = p.email;
    claims.email_verified = true;
  }
  return claims;
}

/** The client a spoiled id_token names instead of, or besides, the real one. */
const OTHER_CLIENT = 'some-other-client';

function nonceClaim(requested: string | undefined, variant: BadIdTokenVariant | undefined): { nonce?: string } {
  if (variant === 'nonce-missing') return {};
  if (variant === 'nonce-mismatch') return { nonce: randomToken(16) };
  return requested ? { nonce: requested } : {};
}

function audience(clientId: string, variant: BadIdTokenVariant | undefined): string | string[] {
  if (variant === 'audience') return OTHER_CLIENT;
  if (variant === 'audience-multiple' || variant === 'azp-other') return [clientId, OTHER_CLIENT];
  return clientId;
}

export class TokenService {
  private readonly records = new Map<string, TokenRecord>();
  /** Same kid as the real key, different key material: the signature check must fail. */
  private wrongKey: SigningKey | undefined;

  constructor(
    private readonly issuer: string,
    private readonly key: SigningKey,
    private readonly ttls: TokenTtls,
    /**
     * The org's clock (ms), as for transactions and codes: it decides whether a token is still
     * accepted, so tests expire tokens by moving it instead of sleeping. Tokens are still stamped
     * (iat, exp) with real time, which is what the client checks them against.
     */
    private readonly now: () => number = Date.now,
  ) {}

  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  get publicJwk(): JWK {
    return this.key.publicJwk;
  }

  async issue(req: IssueRequest): Promise<TokenResponse> {
    const now = Math.floor(Date.now() / 1000);
    const { user, clientId, scopes } = req;
    const accessToken = await new SignJWT({
      ver: 1,
      jti: `AT.${randomToken(24)}`,
      cid: clientId,
      uid: user.id,
      scp: scopes,
      sub: user.login,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid })
      .setIssuer(this.issuer)
      .setAudience('api://default')
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttls.accessTokenTtlSeconds)
      .sign(this.key.privateKey);
    this.remember(accessToken, { kind: 'access', ...this.base(req), expiresAt: (now + this.ttls.accessTokenTtlSeconds) * 1000 });

    const response: TokenResponse = {
      token_type: 'Bearer',
      expires_in: this.ttls.accessTokenTtlSeconds,
      scope: scopes.join(' '),
      access_token: accessToken,
    };
    if (scopes.includes('openid')) response.id_token = await this.idToken(req, accessToken, now);
    if (scopes.includes('offline_access')) {
      const refreshToken = randomToken(32);
      this.remember(refreshToken, {
        kind: 'refresh',
        ...this.base(req),
        expiresAt: (now + this.ttls.refreshTokenTtlSeconds) * 1000,
        accessTokens: [accessToken],
      });
      response.refresh_token = refreshToken;
    }
    return response;
  }

  private base(req: IssueRequest): Omit<TokenRecord, 'kind' | 'expiresAt'> {
    return { userId: req.user.id, clientId: req.clientId, scopes: req.scopes, sessionId: req.sessionId, authTime: req.authTime, revoked: false, accessTokens: [] };
  }

  private remember(token: string, record: TokenRecord): void {
    this.records.set(token, record);
  }

  private async idToken(req: IssueRequest, accessToken: string, now: number): Promise<string> {
    const variant = req.badIdToken;
    const issuedAt = variant === 'expired' ? now - 7200 : now;
    const expires = variant === 'expired' ? now - 3600 : now + this.ttls.idTokenTtlSeconds;
    let key = this.key;
    if (variant === 'signature') {
      this.wrongKey ??= await createSigningKey(this.key.kid);
      key = this.wrongKey;
    }
    return new SignJWT({
      ver: 1,
      jti: `ID.${randomToken(24)}`,
      amr: ['pwd'],
      idp: '00oEmulatorOrg000001',
      auth_time: req.authTime,
      at_hash: atHash(accessToken),
      sid: req.sessionId,
      ...nonceClaim(req.nonce, variant),
      ...(variant === 'azp-other' ? { azp: OTHER_CLIENT } : {}),
      ...profileClaims(req.user, req.scopes),
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject(req.user.id)
      .setIssuer(variant === 'issuer' ? `${this.issuer}-other` : this.issuer)
      .setAudience(audience(req.clientId, variant))
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .sign(key.privateKey);
  }

  /** The live record of a token of the given kind, or undefined (unknown, revoked, expired). */
  active(token: string, kind?: TokenRecord['kind']): TokenRecord | undefined {
    const record = this.records.get(token);
    if (!record || record.revoked || record.expiresAt <= this.now()) return undefined;
    if (kind && record.kind !== kind) return undefined;
    return record;
  }

  /** How many tokens of this user are live (issued, not revoked, not expired). */
  liveCount(userId: string, now = this.now()): number {
    let count = 0;
    for (const record of this.records.values()) {
      if (record.userId === userId && !record.revoked && record.expiresAt > now) count += 1;
    }
    return count;
  }

  /** Revokes a token; revoking a refresh token also revokes the access tokens minted with it. */
  revoke(token: string): boolean {
    const record = this.records.get(token);
    if (!record) return false;
    record.revoked = true;
    for (const access of record.accessTokens) {
      const accessRecord = this.records.get(access);
      if (accessRecord) accessRecord.revoked = true;
    }
    return true;
  }

  /** An admin's "clear user sessions": every live token of the user revoked; how many were live. */
  revokeUser(userId: string): number {
    let count = 0;
    for (const record of this.records.values()) {
      if (record.userId === userId && !record.revoked && record.expiresAt > this.now()) {
        record.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  /** Rotation: the used refresh token stops working (its access tokens stay valid until they expire). */
  retire(refreshToken: string): void {
    const record = this.records.get(refreshToken);
    if (record) record.revoked = true;
  }

  sweep(now = this.now()): void {
    for (const [token, record] of this.records) if (record.expiresAt <= now) this.records.delete(token);
  }

  size(): number {
    return this.records.size;
  }
}
