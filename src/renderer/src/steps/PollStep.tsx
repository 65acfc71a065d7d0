import type { NextStep } from '../../../shared/contract';

/** `poll`: waiting for something that happens elsewhere (the push on the phone); main asks the org meanwhile. */
export function PollStep({ step }: { step: NextStep }) {
  return (
    <div className="poll">
      {step.numberChallenge !== undefined && (
        <p className="poll__number">
          <span className="poll__number-label">Tap this number in {step.authenticator?.label ?? 'the app'}:</span>
          <span className="poll__number-value">{step.numberChallenge}</span>
        </p>
      )}
      <p role="status" className="poll__status">
        <span className="spinner" aria-hidden="true" /> Waiting…
      </p>
    </div>
  );
}
