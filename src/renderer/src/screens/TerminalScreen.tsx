import type { MessageId, TerminalReason, UiMessage } from '../../../shared/contract';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useText } from '../i18n/useText';

interface TerminalScreenProps {
  reason: TerminalReason | undefined;
  /** The org's own words; shown when the reason is not one the app can explain. */
  messages: ReadonlyArray<UiMessage>;
  /** The org's help page, from configuration. */
  helpUrl?: string;
  orgName?: string;
  busy: boolean;
  /** Back to the sign-in form. */
  onBack(): void;
  /** The org lets a locked-out person unlock the account themselves: then that is the way on. */
  onUnlock?: () => void;
}

/** What happened, in the person's terms, and what they can do: never "the org ended this sign-in". */
const EXPLAINED: Readonly<Record<TerminalReason, { title: MessageId; what: MessageId; todo: MessageId | undefined }>> = {
  'locked-out': { title: 'terminal.lockedOut.title', what: 'terminal.lockedOut.what', todo: 'terminal.lockedOut.todo' },
  'access-denied': { title: 'terminal.accessDenied.title', what: 'terminal.accessDenied.what', todo: 'terminal.accessDenied.todo' },
  'session-expired': { title: 'terminal.sessionExpired.title', what: 'terminal.sessionExpired.what', todo: undefined },
};

export function TerminalScreen({ reason, messages, helpUrl, orgName, busy, onBack, onUnlock }: TerminalScreenProps) {
  const { t } = useText();
  const explained = reason === undefined ? undefined : EXPLAINED[reason];
  // Unlocking themselves is what a locked-out person can do first; the help desk is the fallback.
  const canUnlock = reason === 'locked-out' && onUnlock !== undefined;
  const todo = canUnlock ? 'terminal.lockedOut.todoSelf' : explained?.todo;
  return (
    <Screen title={t(explained?.title ?? 'terminal.title')} intro={t(explained?.what ?? 'terminal.cantContinue')}>
      {explained === undefined && <Messages messages={messages} />}
      {todo !== undefined && (
        <div className="next-steps">
          <h2 className="card__subtitle">{t('terminal.whatYouCanDo')}</h2>
          <p className="next-steps__text">{t(todo)}</p>
          {helpUrl !== undefined && (
            <p className="next-steps__text">
              <a className="link" href={helpUrl} target="_blank" rel="noreferrer">
                {orgName !== undefined ? t('terminal.getHelpFrom', { org: orgName }) : t('terminal.getHelp')}
              </a>
            </p>
          )}
        </div>
      )}
      <div className="actions">
        {canUnlock && (
          <button type="button" className="button button--primary" disabled={busy} onClick={onUnlock}>
            {t('action.unlockAccount')}
          </button>
        )}
        {/* Secondary beside Unlock: outlined, not quiet, so it lines up with the card's text when it wraps. */}
        <button type="button" className={canUnlock ? 'button' : 'button button--primary'} disabled={busy} onClick={onBack}>
          {t(reason === 'session-expired' ? 'terminal.signInAgain' : 'terminal.back')}
        </button>
      </div>
    </Screen>
  );
}
