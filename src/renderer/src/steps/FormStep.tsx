import { AllFields, type StepBodyProps } from './StepField';

/** `form`: the step's fields as the org describes them (identify, password, a new password, a setup-link address). */
export function FormStep(props: StepBodyProps) {
  return <AllFields {...props} />;
}
