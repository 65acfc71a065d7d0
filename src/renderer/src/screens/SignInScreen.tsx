import { useRef, useState, type FormEvent } from 'react';
import { INPUT_LIMITS, type SignInRequest, type UiMessage } from '../../../shared/contract';
import { PasswordField, TextField } from '../components/Fields';
import { fieldErrors, Messages, splitByField } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useDeadline, useSecondsLeft } from '../useCountdown';
import { useFocusFirstInvalid } from '../useScreenFocus';

export interface SignInFailure {
  readonly message: string;
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
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
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
      ...(trimmed === '' ? { username: 'Enter your username.' } : {}),
      ...(password === '' ? { password: 'Enter your password.' } : {}),
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
    <Screen title="Sign in" intro="Use your organisation's Okta account.">
      {failure !== undefined && <FailureAlert failure={failure} />}
      <Messages messages={general} />
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id="username"
          label="Username"
          value={username}
          onChange={onUsernameChange}
          required
          autoComplete="username"
          maxLength={INPUT_LIMITS.username}
          errors={fieldErrors(missing.username, byField.get('username'))}
        />
        <PasswordField
          id="password"
          label="Password"
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
            {busy ? 'Signing in…' : failure !== undefined ? 'Try again' : 'Sign in'}
          </button>
          {waiting && (
            // Not a live region: it changes every second. The status below speaks once, at the end.
            <p id="retry-wait" className="actions__note">
              You can try again in {formatSeconds(secondsLeft)}.
            </p>
          )}
        </div>
        {onRecover !== undefined && (
          <p className="self-service">
            <button type="button" className="button button--link" disabled={busy} onClick={onRecover}>
              Forgot password?
            </button>
          </p>
        )}
        <p role="status" className="visually-hidden">
          {(failure?.retryAfterSeconds ?? 0) > 0 && !waiting ? 'The wait is over: you can try again now.' : ''}
        </p>
      </form>
      <p className="alternative">
        {/* Its name must not contain "Sign in": that is the form's button. */}
        Have a security key, or an account with another provider?{' '}
        <button type="button" className="button button--link" disabled={busy} onClick={onSignInWithBrowser}>
          Use your browser
        </button>
      </p>
    </Screen>
  );
}

function FailureAlert({ failure }: { failure: SignInFailure }) {
  const wait = failure.retryAfterSeconds;
  return (
    <div role="alert" className="messages" data-first-error tabIndex={-1}>
      <div className="message message--error">
        <p className="message__text">
          <strong className="message__level">Error:</strong> {failure.message}
        </p>
        <p className="message__hint">
          {wait !== undefined && wait > 0
            ? `Wait ${formatSeconds(wait)}, then enter your password and choose Try again.`
            : 'Enter your password and choose Try again.'}
        </p>
      </div>
    </div>
  );
}

function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
