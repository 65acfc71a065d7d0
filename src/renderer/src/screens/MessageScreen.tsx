import type { UiMessage } from '../../../shared/contract';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';

interface MessageScreenProps {
  title: string;
  intro: string;
  messages: ReadonlyArray<UiMessage>;
  actionLabel: string;
  busy: boolean;
  onAction(): void;
}

/**
 * A dead end with one way out: the org's messages and a button back to the start. Used for
 * "unsupported" (the org wants a step this app cannot do) and "terminal" (the org ended it).
 */
export function MessageScreen({ title, intro, messages, actionLabel, busy, onAction }: MessageScreenProps) {
  return (
    <Screen title={title} intro={intro}>
      <Messages messages={messages} />
      <div className="actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={onAction}>
          {actionLabel}
        </button>
      </div>
    </Screen>
  );
}
