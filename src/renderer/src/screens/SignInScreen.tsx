import { useRef, useState, type FormEvent } from 'react';
import { INPUT_LIMITS, type Branding, type Message, type SignInRequest, type Text, type UiMessage } from '../../../shared/contract';
import { useText } from '../i18n/useText';
import { PasswordField, TextField } from '../components/Fields';
import { fieldErrors, Messages, splitByField } from '../components/Messages';
import { Brand } from '../components/Brand';
import { Screen } from '../components/Screen';
import { Spinner, StopButton, WaitingStatus } from '../components/Waiting';
import { duration } from '../duration';
import { useDeadline, useSecondsLeft } from '../useCountdown';
import { useFocusFirstInvalid } from '../useScreenFocus';

export interface SignInFailure {
  readonly message: Text;
  readonly retryAfterSeconds?: number;
}

/** What to do about the org's refusal, under the field it concerns. */
const GUIDANCE = {
  username: { id: 'signIn.guidance.username' },
  password: { id: 'signIn.guidance.password' },
} as const satisfies Record<string, Message>;

interface SignInScreenProps {
  /** Kept by the parent so it survives a failed attempt. */
  username: string;
  onUsernameChange(value: string): void;
  messages: ReadonlyArray<UiMessage>;
  failure?: SignInFailure;
  /** The org's logo and name, at the top of the card. */
  branding?: Branding;
  busy: boolean;
  onSubmit(request: SignInRequest): void;
  /** Cancel while signing in: stops the call in flight. */
  onAbort(): void;
  /** Sign in in the system browser instead (security keys, another identity provider). */
  onSignInWithBrowser(): void;
  /** "Forgot password?", drawn only when the org offers recovery. */
  onRecover?(): void;
  /** "Unlock account", drawn only when the org offers account unlock. */
  onUnlock?(): void;
  /** "Sign up", drawn only when the org offers self-service registration. */
  onRegister?(): void;
}

export function SignInScreen({ username, onUsernameChange, messages, failure, branding = {}, busy, onSubmit, onAbort, onSignInWithBrowser, onRecover, onUnlock, onRegister }: SignInScreenProps) {
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: Message; password?: Message }>({});
  const { t } = useText();
  const [refusedSubmits, setRefusedSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, refusedSubmits);
  const { general, byField } = splitByField(messages, ['username', 'password']);
  // The org's refusal, with what to do about it; gone while the next attempt runs (it may not apply).
  const refusal = (field: keyof typeof GUIDANCE): Text[] | undefined => {
    const fromOrg = byField.get(field);
    return busy || fromOrg === undefined ? undefined : [...fromOrg, GUIDANCE[field]];
  };
  // The org asked for a wait (429 + Retry-After): the button stays off until it is over.
  const secondsLeft = useSecondsLeft(useDeadline(failure, failure?.retryAfterSeconds));
  const waiting = secondsLeft > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || waiting) return;
    const trimmed = username.trim();
    const nextMissing = {
      ...(trimmed === '' ? { username: { id: 'signIn.usernameMissing' } as const } : {}),
      ...(password === '' ? { password: { id: 'signIn.passwordMissing' } as const } : {}),
    };
    setMissing(nextMissing);
    if (Object.keys(nextMissing).length > 0) {
      setRefusedSubmits((n) => n + 1);
      return;
    }
    // The password leaves React state the moment it is handed to the bridge.
    const request = { username: trimmed, password };
    setPassword('');
    onSubmit(request);
  }

  return (
    <Screen title={t('signIn.title')} intro={t('signIn.intro')} header={<Brand branding={branding} className="card__brand" />}>
      {!busy && failure !== undefined && <FailureAlert failure={failure} secondsLeft={secondsLeft} />}
      {!busy && <Messages messages={general} />}
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {/* Locked while signing in: what was typed is what is being checked. */}
        <fieldset className="form__fields" disabled={busy}>
          <TextField
            id="username"
            label={t('input.username')}
            value={username}
            onChange={onUsernameChange}
            required
            autoComplete="username"
            maxLength={INPUT_LIMITS.username}
            errors={fieldErrors(missing.username, refusal('username'))}
          />
          <PasswordField
            id="password"
            label={t('input.password')}
            value={password}
            onChange={setPassword}
            required
            autoComplete="current-password"
            maxLength={INPUT_LIMITS.password}
            errors={fieldErrors(missing.password, refusal('password'))}
          />
        </fieldset>
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || waiting}
            aria-describedby={waiting ? 'retry-wait' : undefined}
          >
            {busy && <Spinner />}
            {t(busy ? 'signIn.busy' : failure !== undefined ? 'signIn.tryAgain' : 'signIn.submit')}
          </button>
          {busy && <StopButton onStop={onAbort} />}
        </div>
        {(onRecover !== undefined || onUnlock !== undefined) && (
          <p className="self-service">
            {onRecover !== undefined && (
              <button type="button" className="button button--link" disabled={busy} onClick={onRecover}>
                {t('action.forgotPassword')}
              </button>
            )}
            {onUnlock !== undefined && (
              <button type="button" className="button button--link" disabled={busy} onClick={onUnlock}>
                {t('action.unlockAccount')}
              </button>
            )}
          </p>
        )}
        <WaitingStatus busy={busy} label={t('signIn.busy')} idle={(failure?.retryAfterSeconds ?? 0) > 0 && !waiting ? t('signIn.waitOver') : ''} />
      </form>
      {onRegister !== undefined && (
        <p className="alternative">
          {t('signIn.noAccount')}{' '}
          <button type="button" className="button button--link" disabled={busy} onClick={onRegister}>
            {t('action.signUp')}
          </button>
        </p>
      )}
      <p className="alternative">
        {/* Its name must not contain "Sign in": that is the form's button. */}
        {t('signIn.alternative')}{' '}
        <button type="button" className="button button--link" disabled={busy} onClick={onSignInWithBrowser}>
          {t('signIn.useBrowser')}
        </button>
      </p>
    </Screen>
  );
}

/**
 * The failure, and when to try again: said once. A wait the org asked for counts down in the
 * alert, in a part that is not live (it changes every second); the alert is read in full when it
 * appears, and the status under the form says once when the wait is over.
 */
function FailureAlert({ failure, secondsLeft }: { failure: SignInFailure; secondsLeft: number }) {
  const { t, show } = useText();
  return (
    <div role="alert" className="messages" data-first-error tabIndex={-1}>
      <div className="message message--error">
        <p className="message__text">
          <strong className="visually-hidden">{t('message.level.error')} </strong>
          {show(failure.message)}
        </p>
        {secondsLeft > 0 ? (
          <p className="message__hint" id="retry-wait" aria-live="off">
            {t('signIn.retryIn', { duration: duration(secondsLeft) })}
          </p>
        ) : (
          <p className="message__hint">{t('signIn.failureHint')}</p>
        )}
      </div>
    </div>
  );
}
