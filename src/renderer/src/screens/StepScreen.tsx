import { useRef, useState, type FormEvent } from 'react';
import { INPUT_LIMITS, type NextStep, type ProceedRequest, type StepInput, type UiMessage } from '../../../shared/contract';
import { CheckboxField, PasswordField, SelectField, TextField } from '../components/Fields';
import { fieldErrors, Messages, splitByField } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useFocusFirstInvalid } from '../useScreenFocus';

type Values = Record<string, string | boolean>;

interface StepScreenProps {
  step: NextStep;
  /** What the user typed as username earlier, so the org asking again does not erase it. */
  knownUsername: string;
  onUsernameChange(value: string): void;
  messages: ReadonlyArray<UiMessage>;
  busy: boolean;
  onProceed(request: ProceedRequest): void;
  onSkip(): void;
  onCancel(): void;
}

/** Draws whatever the org asks for next from its description; knows no step by name. */
export function StepScreen({ step, knownUsername, onUsernameChange, messages, busy, onProceed, onSkip, onCancel }: StepScreenProps) {
  const [values, setValues] = useState<Values>(() => initialValues(step.inputs, knownUsername));
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [refusedSubmits, setRefusedSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, refusedSubmits);
  const { general, byField } = splitByField(
    messages,
    step.inputs.map((input) => input.name),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const empty = new Set(step.inputs.filter((i) => i.required && isEmpty(values[i.name])).map((i) => i.name));
    setMissing(empty);
    if (empty.size > 0) {
      setRefusedSubmits((n) => n + 1);
      return;
    }
    const request: ProceedRequest = { step: step.name, values: { ...values } };
    // Secret answers leave React state as soon as they are handed to the bridge.
    setValues(withoutSecrets(values, step.inputs));
    onProceed(request);
  }

  const set = (input: StepInput) => (value: string | boolean) => {
    setValues((v) => ({ ...v, [input.name]: value }));
    if (isUsername(input) && typeof value === 'string') onUsernameChange(value);
  };

  return (
    <Screen title={step.title}>
      <Messages messages={general} />
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {step.inputs.map((input) => (
          <StepField
            key={input.name}
            input={input}
            value={values[input.name]}
            onChange={set(input)}
            errors={fieldErrors(missing.has(input.name) ? missingText(input) : undefined, byField.get(input.name))}
          />
        ))}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Working…' : step.name === 'identify' ? 'Sign in' : 'Continue'}
          </button>
          {step.canSkip && (
            <button type="button" className="button" disabled={busy} onClick={onSkip}>
              Skip
            </button>
          )}
          <button type="button" className="button button--quiet" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Screen>
  );
}

interface StepFieldProps {
  input: StepInput;
  value: string | boolean | undefined;
  onChange(value: string | boolean): void;
  errors: string[] | undefined;
}

function StepField({ input, value, onChange, errors }: StepFieldProps) {
  const id = `step-${input.name}`;
  const common = { id, label: input.label, required: input.required, errors };
  switch (input.type) {
    case 'checkbox':
      return <CheckboxField {...common} checked={value === true} onChange={onChange} />;
    case 'select':
      return <SelectField {...common} value={asText(value)} options={input.options ?? []} onChange={onChange} />;
    case 'password':
      return (
        <PasswordField
          {...common}
          value={asText(value)}
          onChange={onChange}
          autoComplete={input.autocomplete ?? 'off'}
          maxLength={INPUT_LIMITS.fieldValue}
        />
      );
    case 'text':
      // A secret text field is still masked: "secret" is about the value, not the control.
      return input.secret ? (
        <PasswordField {...common} value={asText(value)} onChange={onChange} autoComplete="off" maxLength={INPUT_LIMITS.fieldValue} />
      ) : (
        <TextField
          {...common}
          value={asText(value)}
          onChange={onChange}
          autoComplete={input.autocomplete}
          maxLength={INPUT_LIMITS.fieldValue}
        />
      );
  }
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

function missingText(input: StepInput): string {
  return input.type === 'checkbox' ? 'This must be ticked to continue.' : `Enter ${input.label.toLowerCase()}.`;
}

function asText(value: string | boolean | undefined): string {
  return typeof value === 'string' ? value : '';
}
