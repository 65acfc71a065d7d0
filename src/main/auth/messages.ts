/** Org messages from an IDX response, as the renderer shows them. */
import type { IdxMessage, NextStep } from '@okta/okta-auth-js';
import type { MessageLevel, TerminalReason, UiMessage } from '../../shared/contract';

const MAX_MESSAGE_LENGTH = 500;

function levelOf(messageClass: string | undefined): MessageLevel {
  switch (messageClass?.toUpperCase()) {
    case 'ERROR':
      return 'error';
    case 'WARNING':
      return 'warning';
    default:
      return 'info';
  }
}

/** Where the org's refusal of a sign-in belongs, by its i18n key. */
export interface RefusalFields {
  /** The username input's name, for "no such account" and "not assigned to this app". */
  readonly username?: string;
  /** The password input's name, for "Authentication failed" (Okta names no field on purpose) and "Password is incorrect". */
  readonly password?: string;
}

const ABOUT_USERNAME = new Set(['idx.unknown.user', 'idx.error.user.not.assigned.to.app']);
const ABOUT_PASSWORD = new Set(['errors.E0000004', 'incorrectPassword']);

function fieldOf(message: IdxMessage, fields: RefusalFields): string | undefined {
  const key = message.i18n?.key;
  if (key === undefined) return undefined;
  if (ABOUT_USERNAME.has(key)) return fields.username;
  if (ABOUT_PASSWORD.has(key)) return fields.password;
  return undefined;
}

/**
 * The org's messages, de-duplicated and bounded. A refusal of what was typed (`fields`) is tied
 * to the input it concerns, and is an error whatever class the org gave it: an unknown user
 * (a WARNING at Okta) and a wrong password read alike.
 */
export function toUiMessages(messages: ReadonlyArray<IdxMessage> | undefined, fields: RefusalFields = {}): UiMessage[] {
  const seen = new Set<string>();
  const out: UiMessage[] = [];
  for (const message of messages ?? []) {
    const text = typeof message?.message === 'string' ? message.message.trim().slice(0, MAX_MESSAGE_LENGTH) : '';
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const field = fieldOf(message, fields);
    out.push(field === undefined ? { level: levelOf(message.class), text } : { level: 'error', text, field });
  }
  return out;
}

const TERMINAL_REASONS: ReadonlyMap<string, TerminalReason> = new Map([
  ['security.access_denied', 'access-denied'],
  ['idx.session.expired', 'session-expired'],
]);

/**
 * How Okta says an account is locked out: it does not end the sign-in, it refuses the password
 * with the password step still there, "This factor is suspended for your account due to too many
 * failed attempts" (shared/reference/idx-fixtures/playground/
 * error-authenticator-verification-password-too-many-attempts.json).
 */
const FACTOR_SUSPENDED = 'authfactor.challenge.suspended_factor';

/**
 * True when the org refused the password because the account is locked out: the factor suspended,
 * on the step that asked for the password (its password step, or the one-page identify). Another
 * authenticator suspended (too many wrong codes) is that step's own error, not a lockout.
 */
export function isLockedOut(messages: ReadonlyArray<IdxMessage> | undefined, step: Pick<NextStep, 'name' | 'authenticator' | 'relatesTo'> | undefined): boolean {
  // The SDK names the step's authenticator in `authenticator` or, for a step it was asked for by name, only in `relatesTo`.
  const key = step?.authenticator?.key ?? step?.relatesTo?.value.key;
  const askedForPassword = step?.name === 'identify' || key === 'okta_password';
  return askedForPassword && (messages ?? []).some((message) => message?.i18n?.key === FACTOR_SUSPENDED);
}

/** Why the org ended a sign-in, read from its messages' i18n keys; undefined when they do not say. */
export function terminalReason(messages: ReadonlyArray<IdxMessage> | undefined): TerminalReason | undefined {
  for (const message of messages ?? []) {
    const reason = TERMINAL_REASONS.get(message?.i18n?.key ?? '');
    if (reason !== undefined) return reason;
  }
  return undefined;
}
