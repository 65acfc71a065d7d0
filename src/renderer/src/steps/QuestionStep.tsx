import type { StepInput } from '../../../shared/contract';
import { StepField, type StepBodyProps, type StepValues } from './StepField';

const CUSTOM = 'custom';

/**
 * The inputs a question step shows, as it shows them: one's own question only once "Write my
 * own" is chosen, and then required. StepScreen validates and sends exactly these.
 */
export function shownInputs(inputs: ReadonlyArray<StepInput>, values: StepValues): StepInput[] {
  const writingOwn = values['questionKey'] === CUSTOM;
  return inputs.flatMap((input) => (input.name !== 'question' ? [input] : writingOwn ? [{ ...input, required: true }] : []));
}

/**
 * `question`: the answer to the enrolled question; when enrolling, the org's questions or one's
 * own (the "question" field is shown only when "Write my own" is chosen).
 */
export function QuestionStep({ inputs, values, set, errorsFor }: StepBodyProps) {
  return (
    <>
      {shownInputs(inputs, values).map((input) => (
        <StepField key={input.name} input={input} value={values[input.name]} onChange={set(input)} errors={errorsFor(input)} />
      ))}
    </>
  );
}
