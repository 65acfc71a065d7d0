import type { NextStep } from '../../../shared/contract';
import { useText } from '../i18n/useText';

/** `poll`: waiting for something that happens elsewhere (the push on the phone); main asks the org meanwhile. */
export function PollStep({ step }: { step: NextStep }) {
  const { t, show } = useText();
  return (
    <div className="poll">
      {step.numberChallenge !== undefined && (
        <p className="poll__number">
          <span className="poll__number-label">{t('poll.tapNumber', { app: step.authenticator ? show(step.authenticator.label) : t('poll.theApp') })}</span>
          <span className="poll__number-value">{step.numberChallenge}</span>
        </p>
      )}
      <p role="status" className="poll__status">
        <span className="spinner" aria-hidden="true" /> {t('poll.waiting')}
      </p>
    </div>
  );
}
