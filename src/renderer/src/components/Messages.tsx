import type { UiMessage } from '../../../shared/contract';

const LEVEL_LABEL: Record<UiMessage['level'], string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
};

/**
 * Messages from the org, grouped so errors are announced at once (alert) and the rest politely
 * (status). The level is also written out, so it does not depend on colour alone.
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
  return (
    <p className={`message message--${message.level}`}>
      <strong className="message__level">{LEVEL_LABEL[message.level]}:</strong> {message.text}
    </p>
  );
}

/** Splits messages into those tied to one of `fieldNames` and the rest, shown above the form. */
export function splitByField(
  messages: ReadonlyArray<UiMessage>,
  fieldNames: ReadonlyArray<string>,
): { general: UiMessage[]; byField: Map<string, string[]> } {
  const general: UiMessage[] = [];
  const byField = new Map<string, string[]>();
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
export function fieldErrors(local: string | undefined, fromOrg: ReadonlyArray<string> | undefined): string[] | undefined {
  const all = [...(local !== undefined ? [local] : []), ...(fromOrg ?? [])];
  return all.length > 0 ? all : undefined;
}
