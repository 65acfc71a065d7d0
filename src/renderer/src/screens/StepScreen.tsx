import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { INPUT_LIMITS, type Message, type MessageId, type NextStep, type ProceedRequest, type StepInput, type StepKind, type UiMessage } from '../../../shared/contract';
import { useText } from '../i18n/useText';
import { PasswordField } from '../components/Fields';
import { fieldErrors, Messages, splitByField } from '../components/Messages';
import { Screen } from '../components/Screen';
import { Spinner, StopButton, WaitingStatus } from '../components/Waiting';
import { useDeadline, useSecondsLeft } from '../useCountdown';
import { useFocusFirstInvalid } from '../useScreenFocus';
import { ChoiceStep } from '../steps/ChoiceStep';
import { CodeStep } from '../steps/CodeStep';
import { FormStep } from '../steps/FormStep';
import { PhoneStep } from '../steps/PhoneStep';
import { PollStep } from '../steps/PollStep';
import { QrEnrollmentStep } from '../steps/QrEnrollmentStep';
import { QuestionStep, shownInputs } from '../steps/QuestionStep';
import type { StepBodyProps, StepValues as Values } from '../steps/StepField';

/** Okta's Sign-In Widget waits this long before it offers to send a code again. */
const RESEND_AFTER_SECONDS = 30;

interface StepScreenProps {
  step: NextStep;
  /** What the user typed as username earlier, so the org asking again does not erase it. */
  knownUsername: string;
  onUsernameChange(value: string): void;
  messages: ReadonlyArray<UiMessage>;
  busy: boolean;
  onProceed(request: ProceedRequest): void;
  onSkip(): void;
  onResend(): void;
  onChooseAnother(): void;
  onCancel(): void;
  /** Cancel while a call runs: stops it in main. */
  onAbort(): void;
  /** "Not you?" beside the username a password step is for: back to the sign-in form, empty. */
  onNotYou(): void;
  /** "Forgot password?" (only drawn when the step says `canRecover`). */
  onRecover?(): void;
}

/** The component that draws each kind of step, and what its submit button says. */
const KINDS: Readonly<Record<StepKind, { readonly submit: MessageId | undefined }>> = {
  form: { submit: 'action.continue' },
  code: { submit: 'action.verify' },
  choice: { submit: 'action.continue' },
  poll: { submit: undefined },
  'qr-enrollment': { submit: 'action.verify' },
  phone: { submit: 'action.sendCode' },
  question: { submit: 'action.verify' },
};

function StepBody({ step, ...props }: StepBodyProps & { step: NextStep }) {
  switch (step.kind ?? 'form') {
    case 'form':
      return <FormStep {...props} />;
    case 'code':
      return <CodeStep {...props} />;
    case 'choice':
      return <ChoiceStep {...props} />;
    case 'poll':
      return <PollStep step={step} />;
    case 'qr-enrollment':
      return <QrEnrollmentStep step={step} {...props} />;
    case 'phone':
      return <PhoneStep {...props} />;
    case 'question':
      return <QuestionStep {...props} />;
  }
}

function submitLabel(step: NextStep): MessageId | undefined {
  if (step.name === 'identify') return 'signIn.submit';
  // A QR enrollment that waits (Okta Verify) has nothing to submit.
  if (step.inputs.length === 0) return undefined;
  // Choosing a question to enrol verifies nothing yet.
  if (step.kind === 'question' && step.inputs.some((input) => input.name === 'questionKey')) return 'action.continue';
  return KINDS[step.kind ?? 'form'].submit ?? 'action.continue';
}

/** Draws whatever the org asks for next from its description; knows no step or authenticator by name. */
export function StepScreen({
  step,
  knownUsername,
  onUsernameChange,
  messages,
  busy,
  onProceed,
  onSkip,
  onResend,
  onChooseAnother,
  onCancel,
  onAbort,
  onNotYou,
  onRecover,
}: StepScreenProps) {
  const [values, setValues] = useState<Values>(() => initialValues(step.inputs, knownUsername));
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [refusedSubmits, setRefusedSubmits] = useState(0);
  const [resentAt, setResentAt] = useState<object>(() => ({}));
  const resendIn = useSecondsLeft(useDeadline(step.canResend === true ? resentAt : undefined, RESEND_AFTER_SECONDS));
  const formRef = useRef<HTMLFormElement>(null);
  const { t, show } = useText();
  useFocusFirstInvalid(formRef, refusedSubmits);
  const { general, byField } = splitByField(
    messages,
    step.inputs.map((input) => input.name),
  );
  // Only what is on screen counts: the custom question field is hidden until asked for.
  const shown = shownInputs(step.inputs, values);
  // A new password (the org's rules are shown) is typed twice; the second copy never leaves this screen.
  const newPassword = step.passwordRules !== undefined && step.passwordRules.length > 0 ? step.inputs.find((input) => input.type === 'password') : undefined;
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<Message | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || submitLabel(step) === undefined) return;
    const empty = new Set(shown.filter((i) => i.required && isEmpty(values[i.name])).map((i) => i.name));
    setMissing(empty);
    const mismatch = newPassword !== undefined && !empty.has(newPassword.name) ? confirmProblem(values[newPassword.name], confirm) : undefined;
    setConfirmError(mismatch);
    if (empty.size > 0 || mismatch !== undefined) {
      setRefusedSubmits((n) => n + 1);
      return;
    }
    const request: ProceedRequest = { step: step.name, values: onlyShown(values, shown) };
    // Secret answers leave React state as soon as they are handed to the bridge.
    setValues(withoutSecrets(values, step.inputs));
    setConfirm('');
    onProceed(request);
  }

  const set = (input: StepInput) => (value: string | boolean) => {
    setValues((v) => ({ ...v, [input.name]: value }));
    // "Enter …" goes once the field has something in it; the org's own messages stay until it answers again.
    if (missing.has(input.name) && !isEmpty(value)) setMissing((m) => new Set([...m].filter((name) => name !== input.name)));
    if (isUsername(input) && typeof value === 'string') onUsernameChange(value);
  };
  // The org's words about the last answer are gone while the next one is checked.
  const errorsFor = (input: StepInput) =>
    fieldErrors(missing.has(input.name) ? missingText(input) : undefined, busy ? undefined : byField.get(input.name));
  const submitText = submitLabel(step);
  const signingInAs = isPasswordStep(step) && knownUsername.trim() !== '' ? knownUsername.trim() : undefined;

  return (
    <Screen title={step.title} intro={step.description}>
      {signingInAs !== undefined && (
        <p className="signing-in-as">
          <span>
            <FormattedMessage id="step.signingInAs" values={{ name: <strong className="signing-in-as__name">
                    <bdi>{signingInAs}</bdi>
                  </strong> }} />
          </span>
          <button type="button" className="button button--link" disabled={busy} onClick={onNotYou}>
            {t('step.notYou')}
          </button>
        </p>
      )}
      {!busy && <Messages messages={general} />}
      {step.daysToExpiry !== undefined && (
        <p className="step__note">{t('step.passwordWarning.daysLeft', { count: step.daysToExpiry })}</p>
      )}
      {step.passwordRules !== undefined && step.passwordRules.length > 0 && (
        <div className="password-rules" id="password-rules">
          <p className="password-rules__title">{t('passwordRules.title')}</p>
          <ul>
            {step.passwordRules.map(show).map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </div>
      )}
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <fieldset className="form__fields" disabled={busy}>
          {/* Beside "Skip" nothing is required: the person may leave it all. Submitting still checks. */}
          <StepBody step={step} inputs={step.canSkip ? step.inputs.map((input) => ({ ...input, required: false })) : step.inputs} values={values} set={set} errorsFor={errorsFor} />
          {newPassword !== undefined && (
            <PasswordField
              id="step-confirm-password"
              label={{ id: 'field.confirmPassword' }}
              value={confirm}
              onChange={(value) => {
                setConfirm(value);
                setConfirmError(undefined);
              }}
              required={!step.canSkip}
              autoComplete="new-password"
              maxLength={INPUT_LIMITS.fieldValue}
              errors={confirmError === undefined ? undefined : [confirmError]}
            />
          )}
        </fieldset>
        {step.canResend === true && (
          <p className="resend">
            {t('step.resend.question')}{' '}
            <button
              type="button"
              className="button button--link"
              disabled={busy || resendIn > 0}
              onClick={() => {
                setResentAt({});
                onResend();
              }}
            >
              {resendIn > 0 ? t('step.resend.in', { count: resendIn }) : t('step.resend.now')}
            </button>
          </p>
        )}
        <div className="actions">
          {submitText !== undefined && (
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy && <Spinner />}
              {t(busy ? 'action.working' : submitText)}
            </button>
          )}
          {step.canSkip && (
            <button type="button" className="button" disabled={busy} onClick={onSkip}>
              {t(step.kind === 'form' || step.kind === undefined ? 'action.skip' : 'action.setUpLater')}
            </button>
          )}
          {step.canChooseAnother === true && (
            <button type="button" className="button button--quiet" disabled={busy} onClick={onChooseAnother}>
              {t(step.kind === 'qr-enrollment' ? 'step.getSetupLink' : 'step.chooseAnother')}
            </button>
          )}
          {busy ? (
            <StopButton onStop={onAbort} />
          ) : (
            <button type="button" className="button button--quiet" onClick={onCancel}>
              {t('action.cancel')}
            </button>
          )}
        </div>
        <WaitingStatus busy={busy} label={t('action.working')} />
        {step.canRecover === true && onRecover !== undefined && (
          <p className="self-service">
            <button type="button" className="button button--link" disabled={busy} onClick={onRecover}>
              {t('action.forgotPassword')}
            </button>
          </p>
        )}
      </form>
    </Screen>
  );
}

function initialValues(inputs: ReadonlyArray<StepInput>, knownUsername: string): Values {
  const values: Values = {};
  for (const input of inputs) {
    if (isUsername(input)) values[input.name] = knownUsername;
    else if (input.type === 'checkbox') values[input.name] = false;
    else if (input.type === 'select' && input.required) values[input.name] = input.options?.[0]?.value ?? '';
    else values[input.name] = '';
  }
  return values;
}

/** The values of the inputs on screen: a hidden field's old text is not sent. */
function onlyShown(values: Values, shown: ReadonlyArray<StepInput>): Values {
  return Object.fromEntries(shown.flatMap((input) => (values[input.name] === undefined ? [] : [[input.name, values[input.name]!]])));
}

/** A step that asks for the current password and not the username (identifier-first). */
function isPasswordStep(step: NextStep): boolean {
  return step.inputs.some((input) => input.autocomplete === 'current-password') && !step.inputs.some(isUsername);
}

function isUsername(input: StepInput): boolean {
  return input.autocomplete === 'username' && !input.secret;
}

function withoutSecrets(values: Values, inputs: ReadonlyArray<StepInput>): Values {
  const next = { ...values };
  for (const input of inputs) {
    if (input.secret || input.type === 'password') next[input.name] = '';
  }
  return next;
}

function isEmpty(value: string | boolean | undefined): boolean {
  return value === undefined || value === '' || value === false;
}

/** Why the second copy of a new password cannot be sent, if it cannot. */
function confirmProblem(password: string | boolean | undefined, confirm: string): Message | undefined {
  if (confirm === '') return { id: 'field.confirmPassword.missing' };
  return confirm === password ? undefined : { id: 'field.confirmPassword.mismatch' };
}

function missingText(input: StepInput): Message {
  return input.type === 'checkbox' ? { id: 'field.mustTick' } : { id: 'field.missing' };
}
