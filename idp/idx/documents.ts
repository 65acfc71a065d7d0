/**
 * Builders for Identity Engine (IDX) response documents, shaped like the captured Okta responses:
 * every remediation has rel, name, absolute href, method POST, produces/accepts and a value[] with
 * an immutable stateHandle field (the SDK drops mutable ones from later bodies).
 */
export interface IdxMessage {
  message: string;
  i18n: { key: string; params?: unknown[] };
  class: 'ERROR' | 'WARNING' | 'INFO';
}

export type IdxDoc = Record<string, unknown>;

const ACCEPTS = 'application/json; okta-version=1.0.0';
const PRODUCES = 'application/ion+json; okta-version=1.0.0';

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
  // The password of a locked-out account, beside the password step it keeps
  // (playground/error-authenticator-verification-password-too-many-attempts.json).
  passwordSuspended: () => message('This factor is suspended for your account due to too many failed attempts', 'authfactor.challenge.suspended_factor'),
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
  // Authenticators (keys and texts as in Okta's documents, shared/reference/idx-fixtures/widget-playground/error-*.json)
  passcodeInvalid: () => message('Invalid code. Try again.', 'api.authn.error.PASSCODE_INVALID', 'ERROR', []),
  softTokenInvalid: () => message("API error: Your code doesn't match our records. Please try again.", 'authfactor.challenge.soft_token.invalid_passcode'),
  softTokenUsed: () =>
    message('API error: Each code can only be used once. Please wait for a new code and try again.', 'authfactor.challenge.soft_token.used_passcode'),
  answerInvalid: () => message("Your answer doesn't match our records. Please try again.", 'authfactor.challenge.question_factor.answer_invalid'),
  answerTooShort: (min: number) =>
    message(`The security question answer must be at least ${min} characters in length`, 'securityQuestion.answer.tooShort.arg', 'ERROR', [min]),
  pushRejected: () => message('You have chosen to reject this login.', 'api.authn.poll.error.push_rejected', 'ERROR', []),
  invalidPhone: () => message('Invalid Phone Number.', 'api.factors.error.sms.invalid_phone'),
  webauthnFailed: () =>
    message(
      'None of the WebAuthn authenticators the user has enrolled for was able to validate the assertion',
      'authfactor.webauthn.error.assertion_validation_failure',
    ),
  // "Send again" sooner than the org's cooldown. Okta's documents show no such answer; these are
  // Okta's classic-API texts for SMS and voice, and the same wording for email.
  smsCooldown: (seconds: number) =>
    message(`An SMS message was recently sent. Please wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} before trying again.`, 'errors.E0000109'),
  voiceCooldown: (seconds: number) =>
    message(`A phone call was recently made. Please wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} before trying again.`, 'errors.E0000133'),
  emailCooldown: (seconds: number) =>
    message(`An email was recently sent. Please wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} before trying again.`, 'tooManyRequests'),
  // Password recovery (widget-playground/error-forgot-password.json, terminal-reset-password-success.json)
  resetNotAllowed: () => message('Reset password is not allowed at this time. Please contact support for assistance.', 'oie.selfservice.reset.password.not.allowed'),
  recoveryCompleted: () => message('You can now sign in with your existing username and new password.', 'idx.recovery.completed', 'INFO'),
  // Account unlock (widget-playground/user-account-unlock-success.json, error-unlock-account.json, error-400-unlock-account.json)
  unlockSucceeded: () => message('You can log in using your existing username and password', 'oie.selfservice.unlock_user.success.message', 'INFO', []),
  unlockFailed: () =>
    message('We are unable to unlock your account at this time, please contact your administrator', 'oie.selfservice.unlock_user.failed.message', 'ERROR', []),
  unlockNotAllowed: () => message('Self Service Unlock is not allowed at this time. Please contact support for assistance.', 'oie.selfservice.user.unlock.not.allowed'),
  // Registration (error-new-signup-email-exists.json, terminal-registration.json)
  notUniqueWithinOrg: (label: string) => message(`A user with this ${label} already exists`, 'registration.error.notUniqueWithinOrg', 'ERROR', [label]),
  emailVerificationRequired: () => message('To finish signing in, check your email.', 'idx.email.verification.required', 'INFO'),
  // The emulator's own words: Okta's documents show no sign-in of a user who has not activated yet.
  notActivated: () => message('Your account is not active yet. Open the link in the email we sent you to activate it.', 'idx.user.not.activated'),
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
  minLength?: number;
  maxLength?: number;
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
