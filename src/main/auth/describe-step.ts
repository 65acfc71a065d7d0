/**
 * Turns the SDK's `nextStep` into the contract's `NextStep`: a step kind (which component draws
 * it), a title, the inputs, and what else the org offers (skip, resend, another authenticator).
 * Or decides that the app cannot complete the step embedded (WebAuthn, FastPass, an identity
 * provider), so it never offers a choice it cannot finish.
 *
 * Growth by data: an authenticator is a row in AUTHENTICATORS, a remediation a row in STEPS.
 */
import type { Input as SdkInput, NextStep as SdkNextStep } from '@okta/okta-auth-js';
import type { EnrollmentSecret, Message, MessageId, NextStep, StepAuthenticator, StepInput, StepKind, Text } from '../../shared/contract';
import { message } from '../../shared/i18n/text';

/** What the app can complete inside its window, by Okta authenticator key. */
const AUTHENTICATORS: Readonly<Record<string, { readonly label: Message; readonly codeSource?: Message }>> = {
  okta_password: { label: message('authenticator.password') },
  okta_email: { label: message('authenticator.email'), codeSource: message('step.code.source.email') },
  phone_number: { label: message('authenticator.phone'), codeSource: message('step.code.source.phone') },
  // Product names: the same in every language, but still the catalog's, like every word of the app.
  google_otp: { label: message('authenticator.googleAuthenticator'), codeSource: message('authenticator.googleAuthenticator') },
  okta_verify: { label: message('authenticator.oktaVerify'), codeSource: message('authenticator.oktaVerify') },
  security_question: { label: message('authenticator.securityQuestion') },
};

export const isEmbeddable = (key: string | undefined): boolean => key !== undefined && key in AUTHENTICATORS;

type SdkAuthenticator = NonNullable<SdkNextStep['authenticator']> & {
  profile?: Record<string, unknown>;
  contextualData?: Record<string, unknown>;
};

interface Plan {
  readonly kind: StepKind;
  readonly title: Message;
  readonly description?: Message;
}

const plan = (kind: StepKind, title: MessageId, description?: MessageId | Message): Plan => ({
  kind,
  title: message(title),
  ...(description !== undefined && { description: typeof description === 'string' ? message(description) : description }),
});

const profileValue = (a: SdkAuthenticator | undefined, field: string): string | undefined => {
  const value = a?.profile?.[field];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
};

/** Where a code went, as the org masks it ("a•••@example.com", "+1 XXX-XXX-5309"). */
function codeDescription(a: SdkAuthenticator | undefined): Message | undefined {
  const key = a?.key;
  if (key === 'okta_email') {
    const email = profileValue(a, 'email');
    return email ? message('step.code.sentToEmail', { email }) : message('step.code.sentByEmail');
  }
  if (key === 'phone_number') {
    const phone = profileValue(a, 'phoneNumber');
    return phone ? message('step.code.sentToPhone', { phone }) : message('step.code.sentToYourPhone');
  }
  const source = key ? AUTHENTICATORS[key]?.codeSource : undefined;
  return source ? message('step.code.shownIn', { source }) : undefined;
}

/** Before a code is sent (SMS or voice?): where it will go. */
function sendToDescription(a: SdkAuthenticator | undefined): Message | undefined {
  const phone = a?.key === 'phone_number' ? profileValue(a, 'phoneNumber') : undefined;
  if (phone) return message('step.sendCode.toPhone', { phone });
  return a?.key === 'phone_number' ? message('step.sendCode.toYourPhone') : codeDescription(a);
}

function challengePlan(a: SdkAuthenticator | undefined): Plan | undefined {
  switch (a?.key) {
    case 'okta_password':
      return plan('form', 'step.password.title');
    case 'security_question':
      return plan('question', 'step.question.title');
    case 'okta_email':
      return plan('code', 'step.email.title', codeDescription(a));
    case 'phone_number':
    case 'google_otp':
    case 'okta_verify':
      return plan('code', 'step.code.title', codeDescription(a));
    default:
      return undefined;
  }
}

function enrollPlan(a: SdkAuthenticator | undefined): Plan | undefined {
  switch (a?.key) {
    case 'okta_password':
      return plan('form', 'step.enrollPassword.title');
    case 'security_question':
      return plan('question', 'step.enrollQuestion.title');
    case 'google_otp':
      return plan('qr-enrollment', 'step.enrollGoogle.title', 'step.enrollGoogle.description');
    case 'okta_email':
    case 'phone_number':
      return plan('code', 'step.enrollCode.title', codeDescription(a));
    default:
      return undefined;
  }
}

/** Each remediation the app completes, and how. Anything else is not done embedded. */
const STEPS: Readonly<Record<string, (a: SdkAuthenticator | undefined) => Plan | undefined>> = {
  identify: () => plan('form', 'step.identify.title'),
  'challenge-authenticator': challengePlan,
  'reenroll-authenticator': (a) => (a?.key === 'okta_password' || a?.type === 'password' ? plan('form', 'step.passwordExpired.title', 'step.passwordExpired.description') : undefined),
  'reenroll-authenticator-warning': (a) => (a?.key === 'okta_password' || a?.type === 'password' ? plan('form', 'step.passwordWarning.title') : undefined),
  'select-authenticator-authenticate': () => plan('choice', 'step.selectAuthenticator.title', 'step.selectAuthenticator.description'),
  'select-authenticator-enroll': () => plan('choice', 'step.selectEnroll.title', 'step.selectEnroll.description'),
  'authenticator-verification-data': (a) =>
    a?.key === 'okta_verify'
      ? plan('choice', 'step.oktaVerifyMethod.title', 'step.oktaVerifyMethod.description')
      : plan('choice', 'step.sendCode.title', sendToDescription(a)),
  'authenticator-enrollment-data': (a) => (a?.key === 'phone_number' ? plan('phone', 'step.enrollPhone.title', 'step.enrollPhone.description') : undefined),
  'enroll-authenticator': enrollPlan,
  'challenge-poll': (a) => (a?.key === 'okta_verify' ? plan('poll', 'step.push.title', 'step.push.description') : undefined),
  'enroll-poll': (a) => {
    if (a?.key !== 'okta_verify') return undefined;
    const channel = a.contextualData?.['selectedChannel'];
    if (channel === 'email' || channel === 'sms') {
      return plan('poll', channel === 'email' ? 'step.email.title' : 'step.enrollLink.smsTitle', 'step.enrollLink.description');
    }
    return plan('qr-enrollment', 'step.enrollOktaVerify.title', 'step.enrollOktaVerify.description');
  },
  // Password recovery (idx.recoverPassword): who, then the recovery factor's steps above, then the new password.
  'identify-recovery': () => plan('form', 'step.identifyRecovery.title', 'step.identifyRecovery.description'),
  'reset-authenticator': (a) => (a?.key === 'okta_password' || a?.type === 'password' ? plan('form', 'step.resetPassword.title') : undefined),
  // Account unlock (idx.unlockAccount): who and how in one form, then the code; the org then says to sign in.
  'select-authenticator-unlock-account': () => plan('choice', 'step.unlockAccount.title', 'step.unlockAccount.description'),
  // Sign-up (idx.register): the org's profile form, then the password and what else the org requires.
  'enroll-profile': () => plan('form', 'step.enrollProfile.title', 'step.enrollProfile.description'),
  'select-enrollment-channel': () => plan('choice', 'step.enrollOktaVerify.title', 'step.enrollmentChannel.description'),
  'enrollment-channel-data': () => plan('form', 'step.enrollmentChannelData.title', 'step.enrollmentChannelData.description'),
};

const FALLBACK_LABELS: Readonly<Record<string, MessageId>> = {
  username: 'input.username',
  password: 'input.password',
  newPassword: 'input.newPassword',
  rememberMe: 'input.rememberMe',
  revokeSessions: 'input.revokeSessions',
  authenticator: 'input.authenticator',
  verificationCode: 'input.verificationCode',
  answer: 'input.answer',
  questionKey: 'input.questionKey',
  question: 'input.question',
  phoneNumber: 'input.phoneNumber',
  methodType: 'input.methodType',
  channel: 'input.channel',
  email: 'input.email',
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
export function passwordRules(settings: unknown): Message[] {
  if (typeof settings !== 'object' || settings === null) return [];
  const { complexity, age } = settings as { complexity?: Complexity; age?: { minAgeMinutes?: unknown; historyCount?: unknown } };
  const c = complexity ?? {};
  const rules: Message[] = [];
  if (count(c.minLength)) rules.push(message('passwordRule.minLength', { count: count(c.minLength) }));
  if (count(c.minLowerCase)) rules.push(message('passwordRule.lowercase'));
  if (count(c.minUpperCase)) rules.push(message('passwordRule.uppercase'));
  if (count(c.minNumber)) rules.push(message('passwordRule.number'));
  if (count(c.minSymbol)) rules.push(message('passwordRule.symbol'));
  if (c.excludeUsername === true) rules.push(message('passwordRule.excludeUsername'));
  if (c.excludeFirstName === true) rules.push(message('passwordRule.excludeFirstName'));
  if (c.excludeLastName === true) rules.push(message('passwordRule.excludeLastName'));
  const history = count(age?.historyCount);
  if (history > 0) rules.push(message('passwordRule.history', { count: history }));
  const minAge = count(age?.minAgeMinutes);
  if (minAge) rules.push(message('passwordRule.minAge', { count: minAge }));
  return rules;
}

/** What browsers and password managers fill profile fields with (the sign-up form, a setup link's address). */
const PROFILE_AUTOCOMPLETE: Readonly<Record<string, StepInput['autocomplete']>> = { email: 'email', firstName: 'given-name', lastName: 'family-name' };

function autocompleteFor(stepName: string, inputName: string): StepInput['autocomplete'] {
  if (inputName === 'username' || inputName === 'identifier') return 'username';
  if (inputName === 'newPassword') return 'new-password';
  if (inputName === 'password') return NEW_PASSWORD_STEPS.includes(stepName) ? 'new-password' : 'current-password';
  if (inputName === 'verificationCode') return 'one-time-code';
  if (inputName === 'phoneNumber') return 'tel';
  return PROFILE_AUTOCOMPLETE[inputName] ?? 'off';
}

type SdkOption = { label?: string; value?: unknown };

/** The option's value as the SDK takes it back: a string (an authenticator key, a method, a channel). */
function optionValue(option: SdkOption): string | undefined {
  const value = option.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string') return (value as { key: string }).key;
  return undefined;
}

function describeOptions(input: SdkInput): Array<{ label: Text; value: string }> {
  const options = ((input.options ?? []) as SdkOption[]).flatMap((option) => {
    const value = optionValue(option);
    return value === undefined ? [] : [{ label: option.label?.trim() || AUTHENTICATORS[value]?.label || value, value }];
  });
  // An authenticator the app cannot complete embedded (WebAuthn, FastPass...) is not offered.
  return input.name === 'authenticator' ? options.filter((option) => isEmbeddable(option.value)) : options;
}

/** Okta labels enrollment channels with their enum names (QRCODE, EMAIL, SMS): say what each does. */
const CHANNEL_LABELS: Readonly<Record<string, Message>> = {
  qrcode: message('channel.qrcode'),
  email: message('channel.email'),
  sms: message('channel.sms'),
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
      input.name === 'channel' && option.label === option.value.toUpperCase() && CHANNEL_LABELS[option.value] ? { ...option, label: CHANNEL_LABELS[option.value]! } : option,
    );
    if (options.length === 0) return undefined;
    // The org's choices of authenticator or method come without `required` yet one must be chosen;
    // a sign-up form's choice says whether it is required.
    return { name: input.name, label, type: 'select', required: step.name === 'enroll-profile' ? required : true, secret: false, options };
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

function inputLabel(step: SdkNextStep, input: SdkInput, a: SdkAuthenticator | undefined): Text {
  // The security question is the label of its answer.
  const enrolled = a?.contextualData?.['enrolledQuestion'] as { question?: unknown } | undefined;
  if (step.name === 'challenge-authenticator' && input.name === 'answer' && typeof enrolled?.question === 'string') return enrolled.question;
  const fallback = FALLBACK_LABELS[input.name];
  return input.label?.trim() || (fallback ? message(fallback) : input.name);
}

/** The security questions an enrollment offers, as the options of `questionKey` (plus "my own"). */
function questionOptions(a: SdkAuthenticator | undefined): Array<{ label: Text; value: string }> {
  const questions = a?.contextualData?.['questions'];
  const listed = Array.isArray(questions)
    ? questions.flatMap((q: { questionKey?: unknown; question?: unknown }) =>
        typeof q?.questionKey === 'string' && typeof q.question === 'string' ? [{ label: q.question, value: q.questionKey }] : [],
      )
    : [];
  return [...listed, { label: message('input.question.custom'), value: 'custom' }];
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
