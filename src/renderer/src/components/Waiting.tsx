import { useText } from '../i18n/useText';

/**
 * What a screen shows while its call is in flight: a spinner in the button that started it, the
 * same words said once to screen readers (a status region that is always there, so the change
 * is announced), and Cancel, which stops the call in main.
 */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/**
 * Always rendered: a live region only announces text that changes inside it. `idle` is what it
 * says when nothing runs (e.g. that a wait is over), so a screen has one status region, not two.
 */
export function WaitingStatus({ busy, label, idle = '' }: { busy: boolean; label: string; idle?: string }) {
  return (
    <p role="status" className="visually-hidden">
      {busy ? label : idle}
    </p>
  );
}

/** Focused when it appears: the form is locked, so stopping is the one thing left to do. */
export function StopButton({ onStop }: { onStop(): void }) {
  const { t } = useText();
  return (
    <button type="button" className="button button--quiet" autoFocus onClick={onStop}>
      {t('action.cancel')}
    </button>
  );
}
