/**
 * In-memory IDX transactions (one per /v1/interact) and the single-use interaction codes they end
 * with. Lookups never return expired entries; `sweep` drops them so finished flows free memory.
 */
import { randomToken } from '../http/http-util';
import type { IdxMessage } from './documents';
import type { ActiveFactor, AuthenticatorKey } from '../authenticators/types';

export type Step =
  | 'identify'
  | 'select-authenticator' // choose the authenticator to verify (the password among them until it is verified)
  | 'challenge-password'
  | 'reenroll' // password expired: must change it
  | 'reenroll-warning' // password about to expire: change or skip
  | 'factor' // verifying or enrolling `factor` (its module renders and answers the step)
  | 'select-enroll' // choose an authenticator to enroll (with skip when the enrollment is optional)
  | 'identify-recovery' // "Forgot password?" before the user is known: who wants to reset
  | 'reset-password' // recovery: the recovery factor is verified, a new password is asked for
  | 'select-unlock' // unlock: who is locked out, and which authenticator proves it
  | 'enroll-profile' // registration: the org's sign-up form
  | 'enroll-password' // registration: the new user's password
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
  /** Authenticators verified (or enrolled) in this sign-in. */
  verified: AuthenticatorKey[];
  /** The authenticator being verified or enrolled, when `step` is `factor`. */
  factor?: ActiveFactor;
  /**
   * Self-service in progress: `recover` (factors lead to a new password), `unlock` (factors lead to
   * the account unlocked), `register` (a new user's enrollments lead to sign-in or activation).
   */
  flow?: 'recover' | 'unlock' | 'register';
  /** The person skipped the optional enrollments. */
  enrollmentSkipped?: boolean;
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
      verified: [],
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

  /** Live transactions, newest first (for the admin hooks: a push to answer, a link to open). */
  liveTransactions(): Transaction[] {
    return [...this.byState.values()].filter((tx) => this.live(tx)).reverse();
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
