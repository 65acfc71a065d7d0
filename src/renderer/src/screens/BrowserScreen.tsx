import type { UiMessage } from '../../../shared/contract';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useText } from '../i18n/useText';

interface BrowserScreenProps {
  messages: ReadonlyArray<UiMessage>;
  busy: boolean;
  onReopen(): void;
  onCancel(): void;
}

/**
 * Signing in goes on in the system browser; main waits for its answer and moves this window on
 * by itself. The page's address stays in main (it carries the sign-in's state): "open again"
 * asks main to open it.
 */
export function BrowserScreen({ messages, busy, onReopen, onCancel }: BrowserScreenProps) {
  const { t } = useText();
  return (
    <Screen title={t('browser.title')} intro={t('browser.intro')}>
      <Messages messages={messages} />
      <p role="status" className="waiting">
        <span className="waiting__dot" aria-hidden="true" />
        {t('browser.waiting')}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onReopen}>
          {t('browser.openAgain')}
        </button>
        <button type="button" className="button button--quiet" disabled={busy} onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </Screen>
  );
}
