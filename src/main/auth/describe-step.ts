/**
 * Turns the SDK's `nextStep` into the contract's `NextStep` form description, or decides that the
 * password-only app cannot complete it (any MFA authenticator, enrollment, ...).
 */
import type { NextStep as SdkNextStep, Input as SdkInput } from '@okta/okta-auth-js';
import type { NextStep, StepInput } from '../../shared/contract';

const PASSWORD_KEY = 'okta_password';

const TITLES: Readonly<Record<string, string>> = {
  identify: 'Sign in',
  'challenge-authenticator': 'Enter your password',
  'select-authenticator-authenticate': 'Choose how to verify',
  'reenroll-authenticator': 'Your password has expired',
  'reenroll-authenticator-warning': 'Your password will expire soon',
};

const FALLBACK_LABELS: Readonly<Record<string, string>> = {
  username: 'Username',
  password: 'Password',
  newPassword: 'New password',
  rememberMe: 'Keep me signed in',
  revokeSessions: 'Sign me out of all other devices',
  authenticator: 'Verification method',
};

function isPasswordAuthenticator(step: SdkNextStep): boolean {
  return step.authenticator?.key === PASSWORD_KEY || step.authenticator?.type === 'password';
}

/** Whether this app can complete the step with what it has: a username and a password. */
function isSupported(step: SdkNextStep): boolean {
  switch (step.name) {
    case 'identify':
      return true;
    case 'challenge-authenticator':
    case 'reenroll-authenticator':
    case 'reenroll-authenticator-warning':
      return isPasswordAuthenticator(step);
    case 'select-authenticator-authenticate':
      return passwordOption(step) !== undefined;
    default:
      return false;
  }
}

function passwordOption(step: SdkNextStep): { label: string; value: string } | undefined {
  const select = step.inputs?.find((input) => input.name === 'authenticator');
  const option = select?.options?.find((o) => {
    const value = o.value as unknown;
    return value === PASSWORD_KEY || (typeof value === 'object' && value !== null && (value as { key?: unknown }).key === PASSWORD_KEY);
  });
  return option ? { label: option.label || 'Password', value: PASSWORD_KEY } : undefined;
}

function autocompleteFor(stepName: string, inputName: string): StepInput['autocomplete'] {
  if (inputName === 'username' || inputName === 'identifier') return 'username';
  if (inputName === 'newPassword') return 'new-password';
  if (inputName === 'password') return stepName.startsWith('reenroll') ? 'new-password' : 'current-password';
  return 'off';
}

function describeInput(step: SdkNextStep, input: SdkInput): StepInput | undefined {
  if (input.visible === false || input.mutable === false) return undefined;
  const label = input.label?.trim() || FALLBACK_LABELS[input.name] || input.name;
  const required = input.required === true;
  if (input.name === 'authenticator') {
    const option = passwordOption(step);
    // Only the password option is offered: the others would lead to steps this app cannot do.
    return option && { name: 'authenticator', label, type: 'select', required, secret: false, options: [option] };
  }
  if (input.type === 'boolean') {
    return { name: input.name, label, type: 'checkbox', required: false, secret: false };
  }
  const secret = input.secret === true || /password|passcode/i.test(input.name);
  return {
    name: input.name,
    label,
    type: secret ? 'password' : 'text',
    // The SDK drops `required` from a re-enroll step's new password (ReEnrollAuthenticator copies
    // only the inner passcode field), yet no password step can go on without its password.
    required: required || secret,
    secret,
    autocomplete: autocompleteFor(step.name, input.name),
  };
}

/** The form for `step`, or undefined when this app cannot complete it. */
export function describeStep(step: SdkNextStep): NextStep | undefined {
  if (!isSupported(step)) return undefined;
  const inputs = (step.inputs ?? []).flatMap((input) => describeInput(step, input) ?? []);
  return {
    name: step.name,
    title: TITLES[step.name] ?? 'Continue signing in',
    inputs,
    canSkip: step.canSkip === true,
  };
}
