import { useEffect, useRef, useState } from 'react';
import type { AuthView, Branding, BridgeError, DesktopAuthApi, MessageId, UiMessage } from '../../shared/contract';
import { accentVariables, useBranding, usePrefersDark } from './branding';
import { Brand } from './components/Brand';
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
  // Asked again once "Check again" brings usable settings: the org's look comes with them.
  const branding = useBranding(api, auth.view !== null && auth.view.status !== 'needs-configuration');
  const dark = usePrefersDark();
  // The window title is the page's (Electron shows it): the org's name when it has one.
  const title = branding.orgName !== undefined ? t('app.title.org', { org: branding.orgName }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
  // The org's colour, where it reads well in this scheme (accentVariables).
  useEffect(() => {
    const variables = accentVariables(branding.accentColor, dark) ?? {};
    const root = document.documentElement;
    for (const name of ['--accent', '--accent-hover', '--accent-text', '--focus']) root.style.removeProperty(name);
    for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
  }, [branding.accentColor, dark]);

  return (
    <>
      {/* The org's name once per screen: the sign-in card carries it at its top (as Okta's sign-in widget does); every other screen has it here. */}
      {!brandOnCard(auth.view) && (
        <header className="topbar">
          <Brand branding={branding} className="topbar__brand" />
        </header>
      )}
      <main ref={mainRef} className="content">
        {auth.bridgeError !== null && <BridgeErrorAlert error={auth.bridgeError} />}
        <CurrentScreen api={api} auth={auth} branding={branding} username={username} onUsernameChange={setUsername} />
      </main>
    </>
  );
}

interface CurrentScreenProps {
  api: DesktopAuthApi;
  auth: AuthController;
  branding: Branding;
  username: string;
  onUsernameChange(value: string): void;
}

/** Said on the sign-in form right after signing out, until the next attempt. */
const SIGNED_OUT: UiMessage = { level: 'info', text: { id: 'signOut.done' } };

function CurrentScreen({ api, auth, branding, username, onUsernameChange }: CurrentScreenProps) {
  const { view, busy, run } = auth;
  const [justSignedOut, setJustSignedOut] = useState(false);
  // Said only on the sign-in form signing out led to: once the view moves on from it (a step of
  // Sign up or Forgot password, the browser, a terminal screen...), a later sign-in form (after
  // Cancel, or a session ended in the background) is another one. Still signed in is the moment
  // before the sign-out's own form. Set while rendering, so no frame shows the stale message.
  if (justSignedOut && view !== null && view.status !== 'signed-out' && view.status !== 'signed-in') setJustSignedOut(false);
  const { t } = useText();
  const cancel = () => void run((api) => api.cancel());
  const abort = () => void auth.abort();
  const signInWithBrowser = () => void run((api) => api.signInWithBrowser({}));
  // The username typed so far goes with it, so the org need not ask again.
  const typed = username.trim() ? { username: username.trim() } : {};
  const recover = () => void run((api) => api.recoverPassword(typed));
  const unlock = () => void run((api) => api.unlockAccount(typed));
  const offers = view !== null && (view.status === 'signed-out' || view.status === 'terminal') ? view.offers : undefined;
  if (view === null) {
    return (
      <p role="status" className="loading">
        {t('app.loading')}
      </p>
    );
  }
  switch (view.status) {
    case 'needs-configuration':
      return (
        <ConfigurationScreen
          problems={view.problems}
          location={view.location}
          busy={busy}
          onCheckAgain={() => void run((bridge) => bridge.checkConfiguration())}
          // Not through run(): it changes no view, and may be used while nothing else runs anyway.
          onOpenFolder={async () => {
            const result = await api.openConfigurationFolder();
            return result.ok && result.value.opened;
          }}
        />
      );
    case 'signed-out':
    case 'failure':
      return (
        <SignInScreen
          username={username}
          onUsernameChange={onUsernameChange}
          messages={view.status === 'signed-out' ? (justSignedOut ? [SIGNED_OUT, ...view.messages] : view.messages) : []}
          failure={view.status === 'failure' ? view : undefined}
          branding={branding}
          busy={busy}
          onSubmit={(request) => {
            setJustSignedOut(false);
            void run((api) => api.signIn(request));
          }}
          onAbort={abort}
          onSignInWithBrowser={signInWithBrowser}
          onRecover={offers?.recoverPassword === true ? recover : undefined}
          onUnlock={offers?.unlockAccount === true ? unlock : undefined}
          onRegister={offers?.register === true ? () => void run((api) => api.register()) : undefined}
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
        <TerminalScreen
          reason={view.reason}
          messages={view.messages}
          {...(branding.helpUrl !== undefined && { helpUrl: branding.helpUrl })}
          {...(branding.orgName !== undefined && { orgName: branding.orgName })}
          busy={busy}
          onBack={cancel}
          {...(offers?.unlockAccount === true && { onUnlock: unlock })}
        />
      );
    case 'signed-in':
      return (
        <HomeScreen
          profile={view.profile}
          messages={view.messages}
          offline={view.offline === true}
          {...(view.times !== undefined && { times: view.times })}
          {...(branding.orgName !== undefined && { orgName: branding.orgName })}
          busy={busy}
          onRefresh={() => void run((api) => api.refreshProfile())}
          onSignOut={() =>
            void run(async (api) => {
              const result = await api.signOut();
              // Signed out: say so, and leave no one's username in the form.
              if (result.ok && result.value.status === 'signed-out') {
                onUsernameChange('');
                setJustSignedOut(true);
              }
              return result;
            })
          }
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

/** The sign-in form (and the moment before the first view, which is usually it) shows the brand on its card. */
function brandOnCard(view: AuthView | null): boolean {
  return view === null || view.status === 'signed-out' || view.status === 'failure';
}

function screenKey(view: AuthView | null): string {
  if (view === null) return 'loading';
  return view.status === 'pending' ? `pending:${view.step.name}:${view.step.authenticator?.key ?? ''}` : view.status;
}
