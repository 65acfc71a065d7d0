/**
 * In-memory IDX transactions (one per /v1/interact) and the single-use interaction codes they end
 * with. Lookups never return expired entries; `sweep` drops them so finished flows free memory.
 */
import { randomToken } from './http-util';
import type { IdxMessage } from './idx-documents';

export type Step =
  | 'identify'
  | 'select-authenticator' // identifier-first, several authenticators: choose one (password or email)
  | 'challenge-password'
  | 'reenroll' // password expired: must change it
  | 'reenroll-warning' // password about to expire: change or skip
  | 'mfa-select' // password done, another factor required
  | 'mfa-challenge' // a code for the other factor (always rejected: the app does not support MFA)
  | 'success'
  | 'terminal';

export interface InteractParams {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  state: string | undefined;
  nonce: string | undefined;
}

export interface Transaction extends InteractParams {
  readonly interactionHandle: string;
  readonly stateHandle: string;
  expiresAt: number;
  step: Step;
  userId?: string;
  interactionCode?: string;
  terminalMessages?: IdxMessage[];
}

export interface InteractionCodeGrant extends InteractParams {
  userId: string;
  authTime: number;
  expiresAt: number;
}

export class TransactionStore {
  private readonly byInteraction = new Map<string, Transaction>();
  private readonly byState = new Map<string, Transaction>();
  private readonly codes = new Map<string, InteractionCodeGrant>();

  constructor(
    private readonly ttlMs: number,
    private readonly codeTtlMs: number,
    // Injectable so tests can step past a TTL instead of sleeping through it.
    private readonly now: () => number = Date.now,
  ) {}

  create(params: InteractParams): Transaction {
    const tx: Transaction = {
      ...params,
      interactionHandle: randomToken(32),
      stateHandle: `02.id.${randomToken(30)}`,
      expiresAt: this.now() + this.ttlMs,
      step: 'identify',
    };
    this.byInteraction.set(tx.interactionHandle, tx);
    this.byState.set(tx.stateHandle, tx);
    return tx;
  }

  byInteractionHandle(handle: string): Transaction | undefined {
    return this.live(this.byInteraction.get(handle));
  }

  byStateHandle(handle: string): Transaction | undefined {
    return this.live(this.byState.get(handle));
  }

  /** Ends the transaction with a single-use interaction code bound to its PKCE challenge. */
  issueCode(tx: Transaction, userId: string): string {
    const code = randomToken(32);
    this.codes.set(code, {
      clientId: tx.clientId,
      redirectUri: tx.redirectUri,
      scopes: tx.scopes,
      codeChallenge: tx.codeChallenge,
      state: tx.state,
      nonce: tx.nonce,
      userId,
      authTime: Math.floor(this.now() / 1000),
      expiresAt: this.now() + this.codeTtlMs,
    });
    tx.interactionCode = code;
    tx.step = 'success';
    return code;
  }

  /** Returns the grant and forgets the code (single use), or undefined if unknown or expired. */
  redeemCode(code: string): InteractionCodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now()) return undefined;
    for (const tx of this.byInteraction.values()) {
      if (tx.interactionCode === code) this.remove(tx);
    }
    return grant;
  }

  sweep(now = this.now()): void {
    for (const tx of this.byInteraction.values()) if (tx.expiresAt <= now) this.remove(tx);
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
  }

  size(): { transactions: number; codes: number } {
    return { transactions: this.byInteraction.size, codes: this.codes.size };
  }

  private remove(tx: Transaction): void {
    this.byInteraction.delete(tx.interactionHandle);
    this.byState.delete(tx.stateHandle);
  }

  private live(tx: Transaction | undefined): Transaction | undefined {
    return tx && tx.expiresAt > this.now() ? tx : undefined;
  }
}
