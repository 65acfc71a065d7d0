/**
 * Authorization codes of the browser sign-in (`/v1/authorize`, `response_type=code`): single use,
 * short-lived, bound to the request's client, redirect URI, PKCE challenge, scopes and nonce. A
 * separate store from the IDX interaction codes, so one kind of code never works as the other.
 */
import { randomToken } from '../http/http-util';
import type { InteractionCodeGrant } from '../idx/transactions';

export type AuthorizationGrant = InteractionCodeGrant;

export class AuthorizationCodes {
  private readonly codes = new Map<string, AuthorizationGrant>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(grant: Omit<AuthorizationGrant, 'expiresAt'>): string {
    const code = randomToken(32);
    this.codes.set(code, { ...grant, expiresAt: this.now() + this.ttlMs });
    return code;
  }

  /** The grant, once: the code is forgotten whether it was still valid or not. */
  redeem(code: string): AuthorizationGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }

  sweep(now = this.now()): void {
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
  }
}
