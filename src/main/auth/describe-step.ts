/**
 * Turns the SDK's `nextStep` into the contract's `NextStep`: a step kind (which component draws
 * it), a title, the inputs, and what else the org offers (skip, resend, another authenticator).
 * Or decides that the app cannot complete the step embedded (WebAuthn, FastPass, an identity
 * provider), so it never offers a choice it cannot finish.
 *
 * Growth by data: an authenticator is a row in AUTHENTICATORS, a remediation a row in STEPS.
 */
import type { Input as SdkInput, NextStep as SdkNextStep } from '@okta/okta-auth-js';
import type { EnrollmentSecret, NextStep, StepAuthenticator, StepInput, StepKind } from '../../shared/contract';

/** What the app can complete inside its window, by Okta authenticator key. */
const AUTHENTICATORS: Readonly<Record<string, { readonly label: string; readonly codeSource?: string }>> = {
  okta_password: { label: 'Password' },
  okta_email: { label: 'Email', codeSource: 'email' },
  phone_number: { label: 'Phone', codeSource: 'phone' },
  google_otp: { label: 'Google Authenticator', codeSource: 'Google Authenticator' },
  okta_verify: { label: 'Okta Verify', codeSource: 'Okta Verify' },
  security_question: { label: 'Security question' },
};

export const isEmbeddable = (key: string | undefined): boolean => key !== undefined && key in AUTHENTICATORS;

type SdkAuthenticator = NonNullable<SdkNextStep['authenticator']> & {
  profile?: Record<string, unknown>;
  contextualData?: Record<string, unknown>;
};

interface Plan {
  readonly kind: StepKind;
  readonly title: string;
  readonly description?: string;
}

const profileValue = (a: SdkAuthenticator | undefined, field: string): string | undefined => {
  const value = a?.profile?.[field];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
};

/** Where a code went, as the org masks it ("a•••@example.com", "+1 XXX-XXX-5309"). */
function codeDescription(a: SdkAuthenticator | undefined): string | undefined {
  const key = a?.key;
  if (key === 'okta_email') {
    const email = profileValue(a, 'email');
    return email ? `We sent a code to ${email}. Enter it below, or use the link in the email.` : 'We sent you a code by email.';
  }
  if (key === 'phone_number') {
    const phone = profileValue(a, 'phoneNumber');
    return phone ? `We sent a code to ${phone}.` : 'We sent a code to your phone.';
  }
  const source = key ? AUTHENTICATORS[key]?.codeSource : undefined;
  return source ? `Enter the code shown in ${source}.` : undefined;
}

function challengePlan(a: SdkAuthenticator | undefined): Plan | undefined {
  switch (a?.key) {
    case 'okta_password':
      return { kind: 'form', title: 'Enter your password' };
    case 'security_question':
      return { kind: 'question', title: 'Answer your security question' };
    case 'okta_email':
      return { kind: 'code', title: 'Check your email', description: codeDescription(a) };
    case 'phone_number':
    case 'google_otp':
    case 'okta_verify':
      return { kind: 'code', title: 'Enter your verification code', description: codeDescription(a) };
    default:
      return undefined;
  }
}

function enrollPlan(a: SdkAuthenticator | undefined): Plan | undefined {
  switch (a?.key) {
    case 'okta_password':
      return { kind: 'form', title: 'Choose a password' };
    case 'security_question':
      return { kind: 'question', title: 'Choose a security question' };
    case 'google_otp':
      return {
        kind: 'qr-enrollment',
        title: 'Set up Google Authenticator',
        description: 'Scan the QR code with Google Authenticator, or type the setup key into it, then enter the code it shows.',
      };
    case 'okta_email':
    case 'phone_number':
      return { kind: 'code', title: 'Enter the code we sent', description: codeDescription(a) };
    default:
      return undefined;
  }
}

/** Each remediation the app completes, and how. Anything else is not done embedded. */
const STEPS: Readonly<Record<string, (a: SdkAuthenticator | undefined) => Plan | undefined>> = {
  identify: () => ({ kind: 'form', title: 'Sign in' }),
  'challenge-authenticator': challengePlan,
  'reenroll-authenticator': (a) => (a?.key === 'okta_password' || a?.type === 'password' ? { kind: 'form', title: 'Your password has expired' } : undefined),
  'reenroll-authenticator-warning': (a) =>
    a?.key === 'okta_password' || a?.type === 'password' ? { kind: 'form', title: 'Your password will expire soon' } : undefined,
  'select-authenticator-authenticate': () => ({ kind: 'choice', title: 'Verify it’s you', description: 'Choose how to verify your identity.' }),
  'select-authenticator-enroll': () => ({
    kind: 'choice',
    title: 'Set up a security method',
    description: 'Your organization asks you to add a way to verify your identity.',
  }),
  'authenticator-verification-data': (a) =>
    a?.key === 'okta_verify'
      ? { kind: 'choice', title: 'Verify with Okta Verify', description: 'Choose how to use Okta Verify.' }
      : { kind: 'choice', title: 'How should we send your code?', description: codeDescription(a)?.replace(/^We sent a code to /, 'To ') },
  'authenticator-enrollment-data': (a) =>
    a?.key === 'phone_number' ? { kind: 'phone', title: 'Set up phone authentication', description: 'Enter your phone number to receive a code.' } : undefined,
  'enroll-authenticator': enrollPlan,
  'challenge-poll': (a) =>
    a?.key === 'okta_verify' ? { kind: 'poll', title: 'Check Okta Verify on your phone', description: 'Approve the notification we sent to Okta Verify.' } : undefined,
  'enroll-poll': (a) => {
    if (a?.key !== 'okta_verify') return undefined;
    const channel = a.contextualData?.['selectedChannel'];
    if (channel === 'email' || channel === 'sms') {
      return {
        kind: 'poll',
        title: channel === 'email' ? 'Check your email' : 'Check your text messages',
        description: 'On the phone where Okta Verify is installed, open the setup link we sent. This window continues by itself once it is set up.',
      };
    }
    return {
      kind: 'qr-enrollment',
      title: 'Set up Okta Verify',
      description: 'In Okta Verify, add an account and scan the QR code. This window continues by itself once it is set up.',
    };
  },
  // Password recovery (idx.recoverPassword): who, then the recovery factor's steps above, then the new password.
  'identify-recovery': () => ({ kind: 'form', title: 'Reset your password', description: 'Enter your username. We will send you a code to verify it’s you.' }),
  'reset-authenticator': (a) => (a?.key === 'okta_password' || a?.type === 'password' ? { kind: 'form', title: 'Choose a new password' } : undefined),
  'select-enrollment-channel': () => ({ kind: 'choice', title: 'Set up Okta Verify', description: 'Choose how to get the setup link.' }),
  'enrollment-channel-data': () => ({ kind: 'form', title: 'Get a setup link', description: 'We will send a link that sets up Okta Verify.' }),
};

const FALLBACK_LABELS: Readonly<Record<string, string>> = {
  username: 'Username',
  password: 'Password',
  newPassword: 'New password',
  rememberMe: 'Keep me signed in',
  revokeSessions: 'Sign me out of all other devices',
  authenticator: 'Security method',
  verificationCode: 'Code',
  answer: 'Answer',
  questionKey: 'Question',
  question: 'Your own question',
  phoneNumber: 'Phone number',
  methodType: 'Receive codes by',
  channel: 'Send the link by',
  email: 'Email address',
};

/** Inputs whose value is secret: never echoed back, logged, or kept after submit. */
const SECRET_INPUTS = new Set(['password', 'newPassword', 'passcode', 'verificationCode', 'answer']);

/** Steps whose password is a new one: the org's rules are shown and it is typed twice. */
const NEW_PASSWORD_STEPS = ['reenroll-authenticator', 'reenroll-authenticator-warning', 'enroll-authenticator', 'reset-authenticator'];

type Complexity = Partial<Record<'minLength' | 'minLowerCase' | 'minUpperCase' | 'minNumber' | 'minSymbol', number>> &
  Partial<Record<'excludeUsername' | 'excludeFirstName' | 'excludeLastName', boolean>>;

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);

/**
 * The org's password rules (`settings.complexity` and `age` of the password authenticator) as
 * sentences, in the Sign-In Widget's order, so the person sees them before typing.
 */
export function passwordRules(settings: unknown): string[] {
  if (typeof settings !== 'object' || settings === null) return [];
  const { complexity, age } = settings as { complexity?: Complexity; age?: { minAgeMinutes?: unknown; historyCount?: unknown } };
  const c = complexity ?? {};
  const rules: string[] = [];
  if (count(c.minLength)) rules.push(`At least ${count(c.minLength)} characters`);
  if (count(c.minLowerCase)) rules.push('A lowercase letter');
  if (count(c.minUpperCase)) rules.push('An uppercase letter');
  if (count(c.minNumber)) rules.push('A number');
  if (count(c.minSymbol)) rules.push('A symbol');
  if (c.excludeUsername === true) rules.push('No parts of your username');
  if (c.excludeFirstName === true) rules.push('Does not include your first name');
  if (c.excludeLastName === true) rules.push('Does not include your last name');
  const history = count(age?.historyCount);
  if (history === 1) rules.push('Not your current password');
  if (history > 1) rules.push(`Not one of your last ${history} passwords`);
  const minAge = count(age?.minAgeMinutes);
  if (minAge) rules.push(`At least ${minAge} minute${minAge === 1 ? '' : 's'} since your password was last changed`);
  return rules;
}

function autocompleteFor(stepName: string, inputName: string): StepInput['autocomplete'] {
  if (inputName === 'username' || inputName === 'identifier') return 'username';
  if (inputName === 'newPassword') return 'new-password';
  if (inputName === 'password') return NEW_PASSWORD_STEPS.includes(stepName) ? 'new-password' : 'current-password';
  if (inputName === 'verificationCode') return 'one-time-code';
  if (inputName === 'phoneNumber') return 'tel';
  return 'off';
}

type SdkOption = { label?: string; value?: unknown };

/** The option's value as the SDK takes it back: a string (an authenticator key, a method, a channel). */
function optionValue(option: SdkOption): string | undefined {
  const value = option.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string') return (value as { key: string }).key;
  return undefined;
}

function describeOptions(input: SdkInput): Array<{ label: string; value: string }> {
  const options = ((input.options ?? []) as SdkOption[]).flatMap((option) => {
    const value = optionValue(option);
    return value === undefined ? [] : [{ label: option.label?.trim() || AUTHENTICATORS[value]?.label || value, value }];
  });
  // An authenticator the app cannot complete embedded (WebAuthn, FastPass...) is not offered.
  return input.name === 'authenticator' ? options.filter((option) => isEmbeddable(option.value)) : options;
}

/** Okta labels enrollment channels with their enum names (QRCODE, EMAIL, SMS): say what each does. */
const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  qrcode: 'Scan a QR code',
  email: 'Send me a setup link by email',
  sms: 'Send me a setup link by text message',
};

/** An object input (`authenticator: { id, channel }`) is answered through its visible inner fields. */
function innerInputs(input: SdkInput): SdkInput[] | undefined {
  const form = (input.value as { form?: { value?: unknown } } | undefined)?.form?.value;
  return input.type === 'object' && Array.isArray(form) ? (form as SdkInput[]) : undefined;
}

function describeInput(step: SdkNextStep, input: SdkInput, a: SdkAuthenticator | undefined): StepInput | StepInput[] | undefined {
  const inner = innerInputs(input);
  if (inner) return inner.flatMap((field) => describeInput(step, field, a) ?? []);
  if (input.visible === false || input.mutable === false) return undefined;
  const label = inputLabel(step, input, a);
  const required = input.required === true;
  if (input.options) {
    const options = describeOptions(input).map((option) =>
      input.name === 'channel' && option.label === option.value.toUpperCase() ? { ...option, label: CHANNEL_LABELS[option.value] ?? option.label } : option,
    );
    if (options.length === 0) return undefined;
    return { name: input.name, label, type: 'select', required: true, secret: false, options };
  }
  if (input.type === 'boolean') return { name: input.name, label, type: 'checkbox', required: false, secret: false };
  const secret = input.secret === true || SECRET_INPUTS.has(input.name) || /password|passcode/i.test(input.name);
  const isPassword = secret && input.name !== 'verificationCode';
  return {
    name: input.name,
    label,
    type: input.name === 'phoneNumber' ? 'tel' : isPassword ? 'password' : 'text',
    // The SDK drops `required` from a re-enroll step's new password (ReEnrollAuthenticator copies
    // only the inner passcode field), yet no password step can go on without its password.
    required: required || secret,
    secret,
    autocomplete: autocompleteFor(step.name, input.name),
  };
}

function inputLabel(step: SdkNextStep, input: SdkInput, a: SdkAuthenticator | undefined): string {
  // The security question is the label of its answer.
  const enrolled = a?.contextualData?.['enrolledQuestion'] as { question?: unknown } | undefined;
  if (step.name === 'challenge-authenticator' && input.name === 'answer' && typeof enrolled?.question === 'string') return enrolled.question;
  return input.label?.trim() || FALLBACK_LABELS[input.name] || input.name;
}

/** The security questions an enrollment offers, as the options of `questionKey` (plus "my own"). */
function questionOptions(a: SdkAuthenticator | undefined): Array<{ label: string; value: string }> {
  const questions = a?.contextualData?.['questions'];
  const listed = Array.isArray(questions)
    ? questions.flatMap((q: { questionKey?: unknown; question?: unknown }) =>
        typeof q?.questionKey === 'string' && typeof q.question === 'string' ? [{ label: q.question, value: q.questionKey }] : [],
      )
    : [];
  return [...listed, { label: 'Write my own security question', value: 'custom' }];
}

function enrollmentSecret(a: SdkAuthenticator | undefined): EnrollmentSecret | undefined {
  const qr = a?.contextualData?.['qrcode'] as { href?: unknown } | undefined;
  const qrCode = typeof qr?.href === 'string' && qr.href.startsWith('data:image/') ? qr.href : undefined;
  const sharedSecret = a?.contextualData?.['sharedSecret'];
  const setupKey = typeof sharedSecret === 'string' && sharedSecret ? sharedSecret : undefined;
  if (!qrCode && !setupKey) return undefined;
  return { ...(qrCode && { qrCode }), ...(setupKey && { setupKey }) };
}

function numberChallenge(a: SdkAuthenticator | undefined): string | undefined {
  const challenge = a?.contextualData?.['correctAnswer'];
  return typeof challenge === 'string' || typeof challenge === 'number' ? String(challenge) : undefined;
}

function stepAuthenticator(a: SdkAuthenticator | undefined): StepAuthenticator | undefined {
  if (!a?.key) return undefined;
  return { key: a.key, label: a.displayName?.trim() || AUTHENTICATORS[a.key]?.label || a.key };
}

const CHOOSE_STEPS = ['select-authenticator-authenticate', 'select-authenticator-enroll'];

/**
 * The step that offers another way alongside `step`, if the org sent one: another authenticator,
 * or (setting up Okta Verify from a QR code) a setup link by email or SMS instead.
 */
function alternativeStep(step: SdkNextStep, available: ReadonlyArray<SdkNextStep>): SdkNextStep | undefined {
  if (step.name === 'enroll-poll') {
    const channels = available.find((candidate) => candidate.name === 'select-enrollment-channel');
    if (channels) return channels;
  }
  if (CHOOSE_STEPS.includes(step.name)) return undefined;
  return available.find((candidate) => CHOOSE_STEPS.includes(candidate.name) && candidate.name !== step.name);
}

/**
 * "Verify with something else" from `step`: the org's choice without the authenticator in
 * progress (the SDK will not select that one again), or undefined when nothing else is offered.
 */
export function chooseAnotherStep(step: SdkNextStep, available: ReadonlyArray<SdkNextStep>): { sdk: SdkNextStep; step: NextStep } | undefined {
  const alternative = alternativeStep(step, available);
  const described = alternative && describeStep(alternative);
  if (!alternative || !described) return undefined;
  // Leave out what is in progress: this authenticator, or the QR code being shown.
  const current = step.name === 'enroll-poll' ? 'qrcode' : step.authenticator?.key;
  const inputs = described.inputs.map((input) =>
    input.type === 'select' ? { ...input, options: (input.options ?? []).filter((option) => option.value !== current) } : input,
  );
  if (inputs.some((input) => input.type === 'select' && input.options?.length === 0)) return undefined;
  return { sdk: alternative, step: { ...described, inputs } };
}

/**
 * The step for the renderer, or undefined when the app cannot complete it embedded.
 * `available`: every step the org offers now (`tx.availableSteps`), for "verify with something else".
 */
export function describeStep(step: SdkNextStep, available: ReadonlyArray<SdkNextStep> = []): NextStep | undefined {
  const a = step.authenticator as SdkAuthenticator | undefined;
  const plan = STEPS[step.name]?.(a);
  if (!plan) return undefined;
  let inputs = (step.inputs ?? []).flatMap((input) => describeInput(step, input, a) ?? []);
  if (plan.kind === 'question' && step.name === 'enroll-authenticator') {
    inputs = inputs.map((input) => (input.name === 'questionKey' ? { ...input, type: 'select', options: questionOptions(a) } : input));
  }
  // A choice with nothing the app can finish is not a choice: say so instead.
  if (plan.kind === 'choice' && !inputs.some((input) => input.type === 'select')) return undefined;
  const alternatives = chooseAnotherStep(step, available);
  const enrollment = plan.kind === 'qr-enrollment' ? enrollmentSecret(a) : undefined;
  if (plan.kind === 'qr-enrollment' && !enrollment) return undefined;
  const number = step.poll || step.name === 'challenge-poll' ? numberChallenge(a) : undefined;
  const settings = (a as { settings?: { daysToExpiry?: unknown } } | undefined)?.settings;
  const rules = NEW_PASSWORD_STEPS.includes(step.name) && a?.key === 'okta_password' ? passwordRules(settings) : [];
  const daysToExpiry = step.name === 'reenroll-authenticator-warning' && typeof settings?.daysToExpiry === 'number' ? settings.daysToExpiry : undefined;
  // "Forgot password?" where the org sends `recover` with the password step (the SDK lists it as `…-recover`).
  const canRecover = a?.key === 'okta_password' && available.some((candidate) => candidate.name.endsWith('-recover'));
  return {
    name: step.name,
    kind: plan.kind,
    title: plan.title,
    ...(plan.description && { description: plan.description }),
    ...(stepAuthenticator(a) && { authenticator: stepAuthenticator(a) }),
    inputs,
    canSkip: step.canSkip === true,
    ...(step.canResend === true && { canResend: true }),
    ...(alternatives && { canChooseAnother: true }),
    ...((step.poll?.required === true || step.name === 'challenge-poll' || step.name === 'enroll-poll') && { polling: true }),
    ...(number && { numberChallenge: number }),
    ...(enrollment && { enrollment }),
    ...(canRecover && { canRecover: true }),
    ...(rules.length > 0 && { passwordRules: rules }),
    ...(daysToExpiry !== undefined && { daysToExpiry }),
  };
}
