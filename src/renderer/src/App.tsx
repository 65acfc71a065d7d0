import { useRef, useState } from 'react';
import type { AuthView, BridgeError, DesktopAuthApi } from '../../shared/contract';
import { BrowserScreen } from './screens/BrowserScreen';
import { ConfigurationScreen } from './screens/ConfigurationScreen';
import { HomeScreen } from './screens/HomeScreen';
import { MessageScreen } from './screens/MessageScreen';
import { SignInScreen } from './screens/SignInScreen';
import { StepScreen } from './screens/StepScreen';
import { useAuth, type AuthController } from './useAuth';
import { useScreenFocus } from './useScreenFocus';

export function App({ api }: { api: DesktopAuthApi }) {
  const auth = useAuth(api);
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
        <span className="topbar__name">Okta Desktop Sign-In</span>
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
  const cancel = () => void run((api) => api.cancel());
  const signInWithBrowser = () => void run((api) => api.signInWithBrowser({}));
  // The username typed so far goes with it, so the org need not ask again.
  const recover = () => void run((api) => api.recoverPassword(username.trim() ? { username: username.trim() } : {}));
  if (view === null) {
    return (
      <p role="status" className="loading">
        Loading…
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
          onRecover={recover}
        />
      );
    case 'unsupported':
      return (
        <MessageScreen
          title="This step needs your browser"
          messages={view.messages}
          actionLabel="Continue in your browser"
          busy={busy}
          onAction={signInWithBrowser}
          secondary={{ label: 'Cancel', onAction: cancel }}
        />
      );
    case 'browser':
      return <BrowserScreen messages={view.messages} busy={busy} onReopen={() => void run((api) => api.reopenBrowser())} onCancel={cancel} />;
    case 'terminal':
      return (
        <MessageScreen
          title="Sign-in stopped"
          intro="Your organisation ended this sign-in."
          messages={view.messages}
          actionLabel="Start over"
          busy={busy}
          onAction={cancel}
        />
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

/** Used when main's refusal comes without a message of its own. */
const BRIDGE_ERROR_TEXT: Record<BridgeError['code'], string> = {
  'invalid-request': 'The app could not send that request.',
  'wrong-state': 'That action does not fit this screen any more.',
  busy: 'The app is still working on your last request. Wait a moment and try again.',
  forbidden: 'This window is not allowed to do that.',
  internal: 'Something went wrong inside the app.',
};

function BridgeErrorAlert({ error }: { error: BridgeError }) {
  return (
    <div role="alert" className="messages bridge-error" data-first-error tabIndex={-1}>
      <p className="message message--error">
        <strong className="message__level">Error:</strong> {error.message.trim() || BRIDGE_ERROR_TEXT[error.code]}
      </p>
    </div>
  );
}

function screenKey(view: AuthView | null): string {
  if (view === null) return 'loading';
  return view.status === 'pending' ? `pending:${view.step.name}:${view.step.authenticator?.key ?? ''}` : view.status;
}
