import { StepField, type StepBodyProps } from './StepField';

const CUSTOM = 'custom';

/**
 * `question`: the answer to the enrolled question; when enrolling, the org's questions or one's
 * own (the "question" field is shown only when "Write my own" is chosen).
 */
export function QuestionStep({ inputs, values, set, errorsFor }: StepBodyProps) {
  const choosing = inputs.some((input) => input.name === 'questionKey');
  const visible = inputs.filter((input) => input.name !== 'question' || (choosing && values['questionKey'] === CUSTOM));
  return (
    <>
      {visible.map((input) => (
        <StepField
          key={input.name}
          input={input.name === 'question' ? { ...input, required: true } : input}
          value={values[input.name]}
          onChange={set(input)}
          errors={errorsFor(input)}
        />
      ))}
    </>
  );
}
