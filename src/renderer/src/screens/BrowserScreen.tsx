import type { UiMessage } from '../../../shared/contract';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';

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
  return (
    <Screen title="Finish signing in in your browser" intro="Your organization’s sign-in page is open in your browser. When you have signed in there, this window continues by itself.">
      <Messages messages={messages} />
      <p role="status" className="waiting">
        <span className="waiting__dot" aria-hidden="true" />
        Waiting for your browser…
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onReopen}>
          Open the page again
        </button>
        <button type="button" className="button button--quiet" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Screen>
  );
}
