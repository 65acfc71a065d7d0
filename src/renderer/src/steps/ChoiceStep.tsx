import { AllFields, type StepBodyProps } from './StepField';

/** `choice`: the org's options (which authenticator, SMS or voice, how to set up Okta Verify), all in view. */
export function ChoiceStep(props: StepBodyProps) {
  return <AllFields {...props} asRadios />;
}
