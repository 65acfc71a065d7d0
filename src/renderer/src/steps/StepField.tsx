import { INPUT_LIMITS, type StepInput, type Text } from '../../../shared/contract';
import { CheckboxField, PasswordField, RadioGroupField, SelectField, TextField } from '../components/Fields';

export type StepValues = Record<string, string | boolean>;

/** What every step kind's component gets: the step's inputs, their values and errors. */
export interface StepBodyProps {
  readonly inputs: ReadonlyArray<StepInput>;
  readonly values: StepValues;
  set(input: StepInput): (value: string | boolean) => void;
  errorsFor(input: StepInput): Text[] | undefined;
}

interface StepFieldProps {
  input: StepInput;
  value: string | boolean | undefined;
  onChange(value: string | boolean): void;
  errors: Text[] | undefined;
  /** Draw a select as radio buttons (a few options a person should see at once). */
  asRadios?: boolean;
}

/** One input of a step, drawn from its description. */
export function StepField({ input, value, onChange, errors, asRadios = false }: StepFieldProps) {
  const id = `step-${input.name}`;
  const common = { id, label: input.label, required: input.required, errors };
  const text = typeof value === 'string' ? value : '';
  switch (input.type) {
    case 'checkbox':
      return <CheckboxField {...common} checked={value === true} onChange={onChange} />;
    case 'select':
      return asRadios ? (
        <RadioGroupField id={id} label={input.label} value={text} options={input.options ?? []} onChange={onChange} errors={errors} />
      ) : (
        <SelectField {...common} value={text} options={input.options ?? []} onChange={onChange} />
      );
    case 'password':
      return <PasswordField {...common} value={text} onChange={onChange} autoComplete={input.autocomplete ?? 'off'} maxLength={INPUT_LIMITS.fieldValue} />;
    case 'tel':
      return <TextField {...common} type="tel" inputMode="tel" value={text} onChange={onChange} autoComplete="tel" maxLength={INPUT_LIMITS.fieldValue} />;
    case 'text':
      if (input.autocomplete === 'one-time-code') {
        // A code is read off a phone or an email and typed: visible, with the digit keyboard, and
        // still a secret (cleared after submit, never kept).
        return <TextField {...common} inputMode="numeric" value={text} onChange={onChange} autoComplete="one-time-code" maxLength={INPUT_LIMITS.fieldValue} />;
      }
      // A secret text field is still masked: "secret" is about the value, not the control.
      return input.secret ? (
        <PasswordField {...common} value={text} onChange={onChange} autoComplete="off" maxLength={INPUT_LIMITS.fieldValue} />
      ) : (
        <TextField {...common} value={text} onChange={onChange} autoComplete={input.autocomplete} maxLength={INPUT_LIMITS.fieldValue} />
      );
  }
}

/** Every input of the step, in order. */
export function AllFields({ inputs, values, set, errorsFor, asRadios = false }: StepBodyProps & { asRadios?: boolean }) {
  return (
    <>
      {inputs.map((input) => (
        <StepField key={input.name} input={input} value={values[input.name]} onChange={set(input)} errors={errorsFor(input)} asRadios={asRadios} />
      ))}
    </>
  );
}
