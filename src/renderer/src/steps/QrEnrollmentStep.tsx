import { useState } from 'react';
import type { NextStep } from '../../../shared/contract';
import { useText } from '../i18n/useText';
import { AllFields, type StepBodyProps } from './StepField';

/**
 * `qr-enrollment`: the QR code and, on request, the setup key to type by hand; then the app's code,
 * or (Okta Verify) waiting until the app is set up. Both are secrets: they live only in this
 * view, which goes when the step ends.
 */
export function QrEnrollmentStep({ step, ...fields }: StepBodyProps & { step: NextStep }) {
  const [showKey, setShowKey] = useState(false);
  const { qrCode, setupKey } = step.enrollment ?? {};
  const { t, show } = useText();
  const app = step.authenticator ? show(step.authenticator.label) : t('poll.theApp');
  return (
    <>
      <div className="enroll">
        {qrCode !== undefined && <img className="enroll__qr" src={qrCode} alt={t('enroll.qrAlt', { app })} width={184} height={184} />}
        {setupKey !== undefined && (
          <div className="enroll__key">
            <button type="button" className="button button--quiet" aria-expanded={showKey} aria-controls="setup-key" onClick={() => setShowKey((v) => !v)}>
              {t(showKey ? 'enroll.hideKey' : 'enroll.showKey')}
            </button>
            {showKey && (
              <p id="setup-key" className="enroll__key-value">
                <span className="visually-hidden">{t('enroll.keyLabel')} </span>
                {/* In groups of four, as authenticator apps show it; they ignore the spaces. */}
                <code>{setupKey.match(/.{1,4}/g)?.join(' ')}</code>
              </p>
            )}
          </div>
        )}
      </div>
      {step.polling === true && fields.inputs.length === 0 ? (
        <p role="status" className="poll__status">
          <span className="spinner" aria-hidden="true" /> {t('enroll.waiting', { app })}
        </p>
      ) : (
        <AllFields {...fields} />
      )}
    </>
  );
}
