import { useText } from '../i18n/useText';
import { AllFields, type StepBodyProps } from './StepField';

/** `phone`: how to receive codes (SMS or voice) and the number, with the country code. */
export function PhoneStep(props: StepBodyProps) {
  const { t } = useText();
  return (
    <>
      <AllFields {...props} asRadios />
      <p className="field__hint">{t('phone.hint')}</p>
    </>
  );
}
