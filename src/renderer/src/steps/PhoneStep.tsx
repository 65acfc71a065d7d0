import { AllFields, type StepBodyProps } from './StepField';

/** `phone`: how to receive codes (SMS or voice) and the number, with the country code. */
export function PhoneStep(props: StepBodyProps) {
  return (
    <>
      <AllFields {...props} asRadios />
      <p className="field__hint">Include the country code, for example +1 415 555 0100.</p>
    </>
  );
}
