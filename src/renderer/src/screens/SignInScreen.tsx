import { useRef, useState, type FormEvent } from 'react';
import { INPUT_LIMITS, type Message, type SignInRequest, type Text, type UiMessage } from '../../../shared/contract';
import { useText } from '../i18n/useText';
import { PasswordField, TextField } from '../components/Fields';
import { fieldErrors, Messages, splitByField } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useDeadline, useSecondsLeft } from '../useCountdown';
import { useFocusFirstInvalid } from '../useScreenFocus';

export interface SignInFailure {
  readonly message: Text;
  readonly retryAfterSeconds?: number;
}

interface SignInScreenProps {
  /** Kept by the parent so it survives a failed attempt. */
  username: string;
  onUsernameChange(value: string): void;
  messages: ReadonlyArray<UiMessage>;
  failure?: SignInFailure;
  busy: boolean;
  onSubmit(request: SignInRequest): void;
  /** Sign in in the system browser instead (security keys, another identity provider). */
  onSignInWithBrowser(): void;
  /** "Forgot password?", drawn only when the org offers recovery. */
  onRecover?(): void;
}

export function SignInScreen({ username, onUsernameChange, messages, failure, busy, onSubmit, onSignInWithBrowser, onRecover }: SignInScreenProps) {
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: Message; password?: Message }>({});
  const { t } = useText();
  const [refusedSubmits, setRefusedSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, refusedSubmits);
  const { general, byField } = splitByField(messages, ['username', 'password']);
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
    <Screen title={t('signIn.title')} intro={t('signIn.intro')}>
      {failure !== undefined && <FailureAlert failure={failure} />}
      <Messages messages={general} />
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id="username"
          label={t('input.username')}
          value={username}
          onChange={onUsernameChange}
          required
          autoComplete="username"
          maxLength={INPUT_LIMITS.username}
          errors={fieldErrors(missing.username, byField.get('username'))}
        />
        <PasswordField
          id="password"
          label={t('input.password')}
          value={password}
          onChange={setPassword}
          required
          autoComplete="current-password"
          maxLength={INPUT_LIMITS.password}
          errors={fieldErrors(missing.password, byField.get('password'))}
        />
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || waiting}
            aria-describedby={waiting ? 'retry-wait' : undefined}
          >
            {t(busy ? 'signIn.busy' : failure !== undefined ? 'signIn.tryAgain' : 'signIn.submit')}
          </button>
          {waiting && (
            // Not a live region: it changes every second. The status below speaks once, at the end.
            <p id="retry-wait" className="actions__note">
              {t('signIn.retryIn', { duration: duration(secondsLeft) })}
            </p>
          )}
        </div>
        {onRecover !== undefined && (
          <p className="self-service">
            <button type="button" className="button button--link" disabled={busy} onClick={onRecover}>
              {t('action.forgotPassword')}
            </button>
          </p>
        )}
        <p role="status" className="visually-hidden">
          {(failure?.retryAfterSeconds ?? 0) > 0 && !waiting ? t('signIn.waitOver') : ''}
        </p>
      </form>
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

function FailureAlert({ failure }: { failure: SignInFailure }) {
  const wait = failure.retryAfterSeconds;
  const { t, show } = useText();
  return (
    <div role="alert" className="messages" data-first-error tabIndex={-1}>
      <div className="message message--error">
        <p className="message__text">
          <strong className="message__level">{t('message.level.error')}</strong> {show(failure.message)}
        </p>
        <p className="message__hint">
          {wait !== undefined && wait > 0 ? t('signIn.failureHintWait', { duration: duration(wait) }) : t('signIn.failureHint')}
        </p>
      </div>
    </div>
  );
}

/** Seconds up to 90, whole minutes (rounded up) after that. */
function duration(seconds: number): Message {
  return seconds < 90 ? { id: 'time.seconds', values: { count: seconds } } : { id: 'time.minutes', values: { count: Math.ceil(seconds / 60) } };
}
