import type { UiMessage } from '../../../shared/contract';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';

interface MessageScreenProps {
  title: string;
  intro?: string;
  messages: ReadonlyArray<UiMessage>;
  actionLabel: string;
  busy: boolean;
  onAction(): void;
  /** A second, quieter way out (e.g. back to sign-in beside "Continue in your browser"). */
  secondary?: { readonly label: string; onAction(): void };
}

/**
 * The org's messages and a way out: for "unsupported" (the org wants a step this window cannot
 * do: continue in the browser, or go back) and "terminal" (the org ended it: start over).
 */
export function MessageScreen({ title, intro, messages, actionLabel, busy, onAction, secondary }: MessageScreenProps) {
  return (
    <Screen title={title} intro={intro}>
      <Messages messages={messages} />
      <div className="actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={onAction}>
          {actionLabel}
        </button>
        {secondary !== undefined && (
          <button type="button" className="button button--quiet" disabled={busy} onClick={secondary.onAction}>
            {secondary.label}
          </button>
        )}
      </div>
    </Screen>
  );
}
