import { useRef, useState } from 'react';
import type { AuthView, BridgeError, DesktopAuthApi, MessageId } from '../../shared/contract';
import { BrowserScreen } from './screens/BrowserScreen';
import { ConfigurationScreen } from './screens/ConfigurationScreen';
import { HomeScreen } from './screens/HomeScreen';
import { MessageScreen } from './screens/MessageScreen';
import { SignInScreen } from './screens/SignInScreen';
import { StepScreen } from './screens/StepScreen';
import { TerminalScreen } from './screens/TerminalScreen';
import { useAuth, type AuthController } from './useAuth';
import { useScreenFocus } from './useScreenFocus';
import { useText } from './i18n/useText';

export function App({ api }: { api: DesktopAuthApi }) {
  const auth = useAuth(api);
  const { t } = useText();
  // Lifted here so the username survives the sign-in form being redrawn after a failure.
  const [username, setUsername] = useState('');
  const mainRef = useRef<HTMLElement>(null);
  useScreenFocus(mainRef, screenKey(auth.view), auth.completedCalls);

  return (
    <>
      <header className="topbar">
        <span className="topbar__brand" aria-hidden="true">
          ◆
        </span>
        <span className="topbar__name">{t('app.name')}</span>
      </header>
      <main ref={mainRef} className="content">
        {auth.bridgeError !== null && <BridgeErrorAlert error={auth.bridgeError} />}
        <CurrentScreen auth={auth} username={username} onUsernameChange={setUsername} />
      </main>
    </>
  );
}

interface CurrentScreenProps {
  auth: AuthController;
  username: string;
  onUsernameChange(value: string): void;
}

function CurrentScreen({ auth, username, onUsernameChange }: CurrentScreenProps) {
  const { view, busy, run } = auth;
  const { t } = useText();
  const cancel = () => void run((api) => api.cancel());
  const abort = () => void auth.abort();
  const signInWithBrowser = () => void run((api) => api.signInWithBrowser({}));
  // The username typed so far goes with it, so the org need not ask again.
  const recover = () => void run((api) => api.recoverPassword(username.trim() ? { username: username.trim() } : {}));
  if (view === null) {
    return (
      <p role="status" className="loading">
        {t('app.loading')}
      </p>
    );
  }
  switch (view.status) {
    case 'needs-configuration':
      return <ConfigurationScreen problems={view.problems} busy={busy} onCheckAgain={() => void run((api) => api.getState())} />;
    case 'signed-out':
    case 'failure':
      return (
        <SignInScreen
          username={username}
          onUsernameChange={onUsernameChange}
          messages={view.status === 'signed-out' ? view.messages : []}
          failure={view.status === 'failure' ? view : undefined}
          busy={busy}
          onSubmit={(request) => void run((api) => api.signIn(request))}
          onAbort={abort}
          onSignInWithBrowser={signInWithBrowser}
          onRecover={view.status === 'signed-out' && view.offers?.recoverPassword === true ? recover : undefined}
        />
      );
    case 'pending':
      return (
        <StepScreen
          // A new step (or the same step for another authenticator) starts with fresh values; the
          // same step keeps non-secret answers.
          key={`${view.step.name}:${view.step.authenticator?.key ?? ''}`}
          step={view.step}
          knownUsername={username}
          onUsernameChange={onUsernameChange}
          messages={view.messages}
          busy={busy}
          onProceed={(request) => void run((api) => api.proceed(request))}
          onSkip={() => void run((api) => api.skip())}
          onResend={() => void run((api) => api.resend())}
          onChooseAnother={() => void run((api) => api.chooseAnother())}
          onCancel={cancel}
          onAbort={abort}
          onNotYou={() => {
            onUsernameChange('');
            cancel();
          }}
          onRecover={recover}
        />
      );
    case 'unsupported':
      return (
        <MessageScreen
          title={t('unsupported.title')}
          messages={view.messages}
          actionLabel={t('unsupported.continueInBrowser')}
          busy={busy}
          onAction={signInWithBrowser}
          secondary={{ label: t('action.cancel'), onAction: cancel }}
        />
      );
    case 'browser':
      return <BrowserScreen messages={view.messages} busy={busy} onReopen={() => void run((api) => api.reopenBrowser())} onCancel={cancel} />;
    case 'terminal':
      return (
        <TerminalScreen reason={view.reason} messages={view.messages} busy={busy} onBack={cancel} />
      );
    case 'signed-in':
      return (
        <HomeScreen
          profile={view.profile}
          messages={view.messages}
          offline={view.offline === true}
          busy={busy}
          onRefresh={() => void run((api) => api.refreshProfile())}
          onSignOut={() => void run((api) => api.signOut())}
        />
      );
  }
}

/** What each refusal means to a person; main's own `message` is English detail for developers. */
const BRIDGE_ERROR_TEXT: Record<BridgeError['code'], MessageId> = {
  'invalid-request': 'bridgeError.invalidRequest',
  'wrong-state': 'bridgeError.wrongState',
  busy: 'bridgeError.busy',
  forbidden: 'bridgeError.forbidden',
  internal: 'bridgeError.internal',
};

function BridgeErrorAlert({ error }: { error: BridgeError }) {
  const { t } = useText();
  return (
    <div role="alert" className="messages bridge-error" data-first-error tabIndex={-1}>
      <p className="message message--error">
        <strong className="visually-hidden">{t('message.level.error')} </strong>
        {t(BRIDGE_ERROR_TEXT[error.code])}
      </p>
    </div>
  );
}

function screenKey(view: AuthView | null): string {
  if (view === null) return 'loading';
  return view.status === 'pending' ? `pending:${view.step.name}:${view.step.authenticator?.key ?? ''}` : view.status;
}
