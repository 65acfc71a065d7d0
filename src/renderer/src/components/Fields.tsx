import { useState, type ReactNode } from 'react';
import type { Text } from '../../../shared/contract';
import { useText, type Translate } from '../i18n/useText';
import { sentences } from '../sentences';

type ErrorAria = { 'aria-invalid'?: true; 'aria-describedby'?: string };

interface FieldParts {
  id: string;
  label: Text;
  required: boolean;
  errors: ReadonlyArray<Text> | undefined;
}

/** The label, the error text and the attributes that tie both to the control with id `id`. */
function fieldParts({ id, label, required, errors }: FieldParts, { t, show }: Translate, labelClassName?: string) {
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  const labelNode = (
    <label className={labelClassName} htmlFor={id}>
      {show(label)}
      {required && <span className="field__required"> {t('field.required')}</span>}
    </label>
  );
  const errorNode = hasErrors && (
    <p className="field__error" id={errorId}>
      {sentences(errors.map(show))}
    </p>
  );
  const aria: ErrorAria = hasErrors ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return { labelNode, errorNode, aria };
}

/** Label, control and the control's own errors, wired together for assistive technology. */
function FieldShell({ children, ...parts }: FieldParts & { children: (aria: ErrorAria) => ReactNode }) {
  const { labelNode, errorNode, aria } = fieldParts(parts, useText(), 'field__label');
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
  label: Text;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  errors?: ReadonlyArray<Text> | undefined;
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
  const { t, show } = useText();
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
            aria-label={t(visible ? 'field.hideValue' : 'field.showValue', { label: show(label) })}
            onClick={() => setVisible((v) => !v)}
          >
            {t(visible ? 'field.hide' : 'field.show')}
          </button>
        </div>
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: Text;
  checked: boolean;
  onChange(checked: boolean): void;
  required?: boolean;
  errors?: ReadonlyArray<Text> | undefined;
}

/** The box comes before its label, so it has its own layout rather than FieldShell's. */
export function CheckboxField({ id, label, checked, onChange, required = false, errors }: CheckboxFieldProps) {
  const { labelNode, errorNode, aria } = fieldParts({ id, label, required, errors }, useText());
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
  label: Text;
  value: string;
  options: ReadonlyArray<{ label: Text; value: string }>;
  onChange(value: string): void;
  required?: boolean;
  errors?: ReadonlyArray<Text> | undefined;
}

export function SelectField({ id, label, value, options, onChange, required = false, errors }: SelectFieldProps) {
  const { t, show } = useText();
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
          {!required && <option value="">{t('field.choose')}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {show(o.label)}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface RadioGroupFieldProps {
  id: string;
  label: Text;
  value: string;
  options: ReadonlyArray<{ label: Text; value: string }>;
  onChange(value: string): void;
  errors?: ReadonlyArray<Text> | undefined;
}

/** One of a few options, all visible at once: how a person picks a way to verify. */
export function RadioGroupField({ id, label, value, options, onChange, errors }: RadioGroupFieldProps) {
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  const { show } = useText();
  return (
    <fieldset className="field choice" aria-describedby={hasErrors ? errorId : undefined}>
      <legend className="field__label">{show(label)}</legend>
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
            <label htmlFor={optionId}>{show(option.label)}</label>
          </div>
        );
      })}
      {hasErrors && (
        <p className="field__error" id={errorId}>
          {errors.map(show).join(' ')}
        </p>
      )}
    </fieldset>
  );
}
