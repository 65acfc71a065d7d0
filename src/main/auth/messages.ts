/** Org messages from an IDX response, as the renderer shows them. */
import type { IdxMessage } from '@okta/okta-auth-js';
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
  ['oie.selfservice.unlock_user.challenge.locked', 'locked-out'],
  ['security.access_denied', 'access-denied'],
  ['idx.session.expired', 'session-expired'],
]);

/** Why the org ended a sign-in, read from its messages' i18n keys; undefined when they do not say. */
export function terminalReason(messages: ReadonlyArray<IdxMessage> | undefined): TerminalReason | undefined {
  for (const message of messages ?? []) {
    const reason = TERMINAL_REASONS.get(message?.i18n?.key ?? '');
    if (reason !== undefined) return reason;
  }
  return undefined;
}
