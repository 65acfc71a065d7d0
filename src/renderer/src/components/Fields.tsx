import { useState, type ReactNode } from 'react';

type ErrorAria = { 'aria-invalid'?: true; 'aria-describedby'?: string };

interface FieldParts {
  id: string;
  label: string;
  required: boolean;
  errors: ReadonlyArray<string> | undefined;
}

/** The label, the error text and the attributes that tie both to the control with id `id`. */
function fieldParts({ id, label, required, errors }: FieldParts, labelClassName?: string) {
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  const labelNode = (
    <label className={labelClassName} htmlFor={id}>
      {label}
      {required && <span className="field__required"> (required)</span>}
    </label>
  );
  const errorNode = hasErrors && (
    <p className="field__error" id={errorId}>
      {errors.join(' ')}
    </p>
  );
  const aria: ErrorAria = hasErrors ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return { labelNode, errorNode, aria };
}

/** Label, control and the control's own errors, wired together for assistive technology. */
function FieldShell({ children, ...parts }: FieldParts & { children: (aria: ErrorAria) => ReactNode }) {
  const { labelNode, errorNode, aria } = fieldParts(parts, 'field__label');
  return (
    <div className="field">
      {labelNode}
      {children(aria)}
      {errorNode}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  errors?: ReadonlyArray<string>;
  /** Which on-screen keyboard fits: `numeric` for one-time codes, `tel` for phone numbers. */
  inputMode?: 'text' | 'numeric' | 'tel';
  /** `tel` for phone numbers; otherwise plain text. */
  type?: 'text' | 'tel';
}

/** The single-line input behind TextField and PasswordField. */
function TextInput({
  id,
  value,
  onChange,
  required,
  autoComplete,
  maxLength,
  type,
  inputMode,
  className,
  aria,
}: Omit<TextFieldProps, 'label' | 'errors' | 'type'> & { type: 'text' | 'password' | 'tel'; className: string; aria: ErrorAria }) {
  return (
    <input
      id={id}
      name={id}
      className={className}
      type={type}
      inputMode={inputMode}
      value={value}
      required={required}
      autoComplete={autoComplete}
      maxLength={maxLength}
      spellCheck={false}
      autoCapitalize="off"
      onChange={(e) => onChange(e.target.value)}
      {...aria}
    />
  );
}

export function TextField({ label, errors, required = false, type = 'text', ...input }: TextFieldProps) {
  return (
    <FieldShell id={input.id} label={label} required={required} errors={errors}>
      {(aria) => <TextInput {...input} required={required} type={type} className="field__input" aria={aria} />}
    </FieldShell>
  );
}

/** A password input with a Show/Hide toggle; the value is only ever held by the caller. */
export function PasswordField({ label, errors, required = false, ...input }: TextFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <FieldShell id={input.id} label={label} required={required} errors={errors}>
      {(aria) => (
        <div className="password">
          <TextInput
            {...input}
            required={required}
            type={visible ? 'text' : 'password'}
            className="field__input password__input"
            aria={aria}
          />
          <button
            type="button"
            className="button button--quiet password__toggle"
            aria-controls={input.id}
            aria-label={visible ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? 'Hide' : 'Show'}
          </button>
        </div>
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  required?: boolean;
  errors?: ReadonlyArray<string>;
}

/** The box comes before its label, so it has its own layout rather than FieldShell's. */
export function CheckboxField({ id, label, checked, onChange, required = false, errors }: CheckboxFieldProps) {
  const { labelNode, errorNode, aria } = fieldParts({ id, label, required, errors });
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        required={required}
        onChange={(e) => onChange(e.target.checked)}
        {...aria}
      />
      {labelNode}
      {errorNode}
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<{ label: string; value: string }>;
  onChange(value: string): void;
  required?: boolean;
  errors?: ReadonlyArray<string>;
}

export function SelectField({ id, label, value, options, onChange, required = false, errors }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} required={required} errors={errors}>
      {(aria) => (
        <select
          id={id}
          name={id}
          className="field__input"
          value={value}
          required={required}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        >
          {!required && <option value="">Choose…</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface RadioGroupFieldProps {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<{ label: string; value: string }>;
  onChange(value: string): void;
  errors?: ReadonlyArray<string>;
}

/** One of a few options, all visible at once: how a person picks a way to verify. */
export function RadioGroupField({ id, label, value, options, onChange, errors }: RadioGroupFieldProps) {
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  return (
    <fieldset className="field choice" aria-describedby={hasErrors ? errorId : undefined}>
      <legend className="field__label">{label}</legend>
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div key={option.value} className="choice__option">
            <input
              id={optionId}
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              {...(hasErrors ? { 'aria-invalid': true as const } : {})}
            />
            <label htmlFor={optionId}>{option.label}</label>
          </div>
        );
      })}
      {hasErrors && (
        <p className="field__error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
    </fieldset>
  );
}
