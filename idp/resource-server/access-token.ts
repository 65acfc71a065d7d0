/**
 * How the demo API judges a bearer token, as any API protected by an Okta authorization server
 * would: an RS256 JWT signed by a key in the org's JWKS (fetched over HTTP and cached by jose's
 * createRemoteJWKSet), from the org's issuer, for this API's audience, not expired, carrying the
 * scope the resource needs in `scp`. Nothing of the token is ever echoed back.
 */
import { createRemoteJWKSet, jwtVerify, errors, type JWTPayload } from 'jose';

export interface AccessTokenRules {
  issuer: string;
  /** The authorization server's audience; Okta's `default` server uses `api://default`. */
  audience: string;
  /** The scope every request needs, e.g. `tasks.read`. */
  requiredScope: string;
  /** The org's clock (ms): what "expired" is judged by. */
  now: () => number;
  /**
   * Besides the signature: is the token still live at the org? A real API asks the org's
   * `/v1/introspect` when it must see revocations before expiry; the emulator answers in process.
   */
  isActive?: (token: string) => boolean;
}

export type Verdict =
  | { ok: true; subject: string }
  /** 401 `invalid_token` (RFC 6750 §3.1): no usable token; `description` is ours, never the token's. */
  | { ok: false; status: 401; error: 'invalid_token' | undefined; description: string }
  /** 403 `insufficient_scope`: a good token without the scope this resource needs. */
  | { ok: false; status: 403; error: 'insufficient_scope'; description: string };

const rejected = (description: string): Verdict => ({ ok: false, status: 401, error: 'invalid_token', description });

/** The token of an `Authorization: Bearer …` header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header ?? '');
  return match?.[1];
}

export function createAccessTokenVerifier(rules: AccessTokenRules): (authorization: string | undefined) => Promise<Verdict> {
  const jwks = createRemoteJWKSet(new URL(`${rules.issuer}/v1/keys`));
  return async (authorization) => {
    if (!authorization) return { ok: false, status: 401, error: undefined, description: 'An access token is required.' };
    const token = bearerToken(authorization);
    if (!token) return rejected('The Authorization header is not a Bearer token.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: rules.issuer,
        audience: rules.audience,
        algorithms: ['RS256'],
        currentDate: new Date(rules.now()),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      return rejected(describe(error));
    }
    if (rules.isActive && !rules.isActive(token)) return rejected('The access token is no longer active.');
    const scopes = Array.isArray(payload['scp']) ? payload['scp'] : [];
    if (!scopes.includes(rules.requiredScope)) {
      return { ok: false, status: 403, error: 'insufficient_scope', description: `The access token does not grant ${rules.requiredScope}.` };
    }
    return { ok: true, subject: String(payload.sub) };
  };
}

/** A fixed sentence per kind of failure: jose's messages may quote claims. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token is signed with an unknown key.';
  return 'The access token is not valid.';
}
