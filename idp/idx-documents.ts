/**
 * Builders for Identity Engine (IDX) response documents, shaped like the captured Okta responses:
 * every remediation has rel, name, absolute href, method POST, produces/accepts and a value[] with
 * an immutable stateHandle field (the SDK drops mutable ones from later bodies).
 */
import { PASSWORD_COMPLEXITY } from './password-policy';

export interface IdxMessage {
  message: string;
  i18n: { key: string; params?: unknown[] };
  class: 'ERROR' | 'WARNING' | 'INFO';
}

export type IdxDoc = Record<string, unknown>;

const ACCEPTS = 'application/json; okta-version=1.0.0';
const PRODUCES = 'application/ion+json; okta-version=1.0.0';

export const PASSWORD_AUTHENTICATOR_ID = 'autEmulatorPassword1';
export const EMAIL_AUTHENTICATOR_ID = 'autEmulatorEmail0001';
export const PASSWORD_ENROLLMENT_ID = 'laeEmulatorPassword1';
export const EMAIL_ENROLLMENT_ID = 'eaeEmulatorEmail0001';

function message(text: string, key: string, cls: IdxMessage['class'] = 'ERROR', params?: unknown[]): IdxMessage {
  return { message: text, i18n: params ? { key, params } : { key }, class: cls };
}

export function messages(list: IdxMessage[]): { type: 'array'; value: IdxMessage[] } {
  return { type: 'array', value: list };
}

export const MESSAGES = {
  authenticationFailed: () => message('Authentication failed', 'errors.E0000004'),
  unknownUser: (identifier: string) =>
    message(`There is no account with the Username ${identifier}.`, 'idx.unknown.user', 'WARNING', []),
  incorrectPassword: () => message('Password is incorrect', 'incorrectPassword'),
  sessionExpired: () => message('The session has expired.', 'idx.session.expired'),
  locked: () => message('Your account is locked. Contact your administrator.', 'oie.selfservice.unlock_user.challenge.locked'),
  suspended: () => message('You do not have permission to perform the requested action.', 'security.access_denied'),
  blank: () => message('This field cannot be left blank', 'model.validation.field.blank'),
  invalidValue: () => message('The value is not valid.', 'model.validation.field.invalid'),
  requirementsNotMet: (requirements: string) =>
    message(`Password requirements were not met. ${requirements}`, 'password.passwordRequirementsNotMet'),
  sameAsCurrent: () => message('Password has been used too recently', 'password.passwordAlreadyUsed'),
  passwordExpiring: () =>
    message(
      'When your password expires, you will have to change your password before you can login to your Emulator account.',
      'idx.password.expiring.message',
      'INFO',
      ['Emulator'],
    ),
  invalidCode: () => message('Invalid code. Try again.', 'api.authn.authenticator.challenge.invalid'),
  actionUnavailable: () => message('This step is not available now. Start again.', 'idx.action.unavailable'),
  malformedBody: () => message('The request body was not well-formed.', 'E0000003'),
  unsupportedMediaType: () => message('Unsupported media type. Send application/json.', 'E0000006'),
  tooManyRequests: () => message('Too many requests', 'tooManyRequests'),
} as const;

/** An IDX form field; `messages` attaches a field-level error the SDK reports with the step. */
export interface Field {
  name: string;
  label?: string;
  type?: string;
  required?: boolean;
  secret?: boolean;
  value?: unknown;
  visible?: boolean;
  mutable?: boolean;
  form?: { value: Field[] };
  options?: unknown[];
  messages?: { type: 'array'; value: IdxMessage[] };
}

function stateHandleField(stateHandle: string): Field {
  return { name: 'stateHandle', required: true, value: stateHandle, visible: false, mutable: false };
}

export function remediationForm(
  origin: string,
  name: string,
  path: string,
  stateHandle: string,
  fields: Field[],
  relatesTo?: string[],
): IdxDoc {
  return {
    rel: ['create-form'],
    name,
    ...(relatesTo ? { relatesTo } : {}),
    href: `${origin}${path}`,
    method: 'POST',
    produces: PRODUCES,
    value: [...fields, stateHandleField(stateHandle)],
    accepts: ACCEPTS,
  };
}

export function passcodeField(label: string, fieldMessages?: IdxMessage[]): Field {
  const passcode: Field = { name: 'passcode', label, secret: true };
  if (fieldMessages?.length) passcode.messages = messages(fieldMessages);
  return { name: 'credentials', type: 'object', form: { value: [passcode] }, required: true };
}

export function identifierField(fieldMessages?: IdxMessage[]): Field {
  const field: Field = { name: 'identifier', label: 'Username', required: true };
  if (fieldMessages?.length) field.messages = messages(fieldMessages);
  return field;
}

export function passwordAuthenticator(withSettings: boolean): Record<string, unknown> {
  return {
    type: 'password',
    key: 'okta_password',
    id: PASSWORD_AUTHENTICATOR_ID,
    displayName: 'Password',
    methods: [{ type: 'password' }],
    ...(withSettings
      ? { settings: { complexity: PASSWORD_COMPLEXITY, age: { minAgeMinutes: 0, historyCount: 1 } } }
      : {}),
  };
}

export function passwordEnrollment(): Record<string, unknown> {
  return {
    type: 'password',
    key: 'okta_password',
    id: PASSWORD_ENROLLMENT_ID,
    authenticatorId: PASSWORD_AUTHENTICATOR_ID,
    displayName: 'Password',
    methods: [{ type: 'password' }],
  };
}

export function emailEnrollment(maskedEmail: string): Record<string, unknown> {
  return {
    profile: { email: maskedEmail },
    type: 'email',
    key: 'okta_email',
    id: EMAIL_ENROLLMENT_ID,
    authenticatorId: EMAIL_AUTHENTICATOR_ID,
    displayName: 'Email',
    methods: [{ type: 'email' }],
  };
}

export function authenticatorOption(label: string, authenticatorId: string, methodType: string, relatesTo: string): unknown {
  return {
    label,
    value: {
      form: {
        value: [
          { name: 'id', required: true, value: authenticatorId, mutable: false },
          { name: 'methodType', required: false, value: methodType, mutable: false },
        ],
      },
    },
    relatesTo,
  };
}

export function cancelAction(origin: string, stateHandle: string): IdxDoc {
  return remediationForm(origin, 'cancel', '/idp/idx/cancel', stateHandle, []);
}

export function typed(value: unknown, type: 'object' | 'array' = 'object'): { type: string; value: unknown } {
  return { type, value };
}

/** A document with messages and nothing to do next: the SDK reports it as TERMINAL. */
export function terminalDocument(list: IdxMessage[], state?: { stateHandle: string; expiresAt: string }): IdxDoc {
  return {
    version: '1.0.0',
    ...(state ? { stateHandle: state.stateHandle, expiresAt: state.expiresAt, intent: 'LOGIN' } : {}),
    messages: messages(list),
  };
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  if (!domain) return '***';
  return `${local.slice(0, 1)}***${local.length > 1 ? local.slice(-1) : ''}@${domain}`;
}
