import { useState, type ReactNode } from 'react';

interface FieldShellProps {
  id: string;
  label: string;
  required: boolean;
  errors: ReadonlyArray<string> | undefined;
  children: (aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** Label, control and the control's own errors, wired together for assistive technology. */
function FieldShell({ id, label, required, errors, children }: FieldShellProps) {
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {required && <span className="field__required"> (required)</span>}
      </label>
      {children(hasErrors ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
      {hasErrors && (
        <p className="field__error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
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
}

export function TextField({ id, label, value, onChange, required = false, autoComplete, maxLength, errors }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} required={required} errors={errors}>
      {(aria) => (
        <input
          id={id}
          name={id}
          className="field__input"
          type="text"
          value={value}
          required={required}
          autoComplete={autoComplete}
          maxLength={maxLength}
          spellCheck={false}
          autoCapitalize="off"
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
    </FieldShell>
  );
}

/** A password input with a Show/Hide toggle; the value is only ever held by the caller. */
export function PasswordField({ id, label, value, onChange, required = false, autoComplete, maxLength, errors }: TextFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <FieldShell id={id} label={label} required={required} errors={errors}>
      {(aria) => (
        <div className="password">
          <input
            id={id}
            name={id}
            className="field__input password__input"
            type={visible ? 'text' : 'password'}
            value={value}
            required={required}
            autoComplete={autoComplete}
            maxLength={maxLength}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(e) => onChange(e.target.value)}
            {...aria}
          />
          <button
            type="button"
            className="button button--quiet password__toggle"
            aria-controls={id}
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

export function CheckboxField({ id, label, checked, onChange, required = false, errors }: CheckboxFieldProps) {
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        required={required}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={hasErrors || undefined}
        aria-describedby={hasErrors ? errorId : undefined}
      />
      <label htmlFor={id}>
        {label}
        {required && <span className="field__required"> (required)</span>}
      </label>
      {hasErrors && (
        <p className="field__error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
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
