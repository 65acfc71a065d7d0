import { AllFields, type StepBodyProps } from './StepField';

/** `code`: a one-time code from an email, a text message, a call or an authenticator app. */
export function CodeStep(props: StepBodyProps) {
  return <AllFields {...props} />;
}
