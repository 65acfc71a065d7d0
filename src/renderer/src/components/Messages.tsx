import type { MessageId, Text, UiMessage } from '../../../shared/contract';
import { useText } from '../i18n/useText';

const LEVEL_LABEL: Record<UiMessage['level'], MessageId> = {
  error: 'message.level.error',
  warning: 'message.level.warning',
  info: 'message.level.info',
};

/**
 * Messages from the org, grouped so errors are announced at once (alert) and the rest politely
 * (status). The level is written out for screen readers ("Error: …"); on screen the colour,
 * border and the box's place say it, as they do in Okta's own widget.
 */
export function Messages({ messages }: { messages: ReadonlyArray<UiMessage> }) {
  const errors = messages.filter((m) => m.level === 'error');
  const others = messages.filter((m) => m.level !== 'error');
  return (
    <>
      {errors.length > 0 && (
        <div role="alert" className="messages" data-first-error tabIndex={-1}>
          {errors.map((m, i) => (
            <MessageLine key={i} message={m} />
          ))}
        </div>
      )}
      {others.length > 0 && (
        <div role="status" className="messages">
          {others.map((m, i) => (
            <MessageLine key={i} message={m} />
          ))}
        </div>
      )}
    </>
  );
}

function MessageLine({ message }: { message: UiMessage }) {
  const { t, show } = useText();
  return (
    <p className={`message message--${message.level}`}>
      <strong className="visually-hidden">{t(LEVEL_LABEL[message.level])} </strong>
      {show(message.text)}
    </p>
  );
}

/** Splits messages into those tied to one of `fieldNames` and the rest, shown above the form. */
export function splitByField(
  messages: ReadonlyArray<UiMessage>,
  fieldNames: ReadonlyArray<string>,
): { general: UiMessage[]; byField: Map<string, Text[]> } {
  const general: UiMessage[] = [];
  const byField = new Map<string, Text[]>();
  for (const message of messages) {
    if (message.field !== undefined && fieldNames.includes(message.field)) {
      byField.set(message.field, [...(byField.get(message.field) ?? []), message.text]);
    } else {
      general.push(message);
    }
  }
  return { general, byField };
}

/** The errors to show under one field: the app's own check first, then the org's. */
export function fieldErrors(local: Text | undefined, fromOrg: ReadonlyArray<Text> | undefined): Text[] | undefined {
  const all = [...(local !== undefined ? [local] : []), ...(fromOrg ?? [])];
  return all.length > 0 ? all : undefined;
}
