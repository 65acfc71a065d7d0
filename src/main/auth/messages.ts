/** Org messages from an IDX response, as the renderer shows them. */
import type { IdxMessage } from '@okta/okta-auth-js';
import type { MessageLevel, UiMessage } from '../../shared/contract';

const MAX_MESSAGE_LENGTH = 500;

function levelOf(messageClass: string | undefined): MessageLevel {
  switch (messageClass?.toUpperCase()) {
    case 'ERROR':
      return 'error';
    case 'WARNING':
      return 'warning';
    default:
      return 'info';
  }
}

export function toUiMessages(messages: ReadonlyArray<IdxMessage> | undefined): UiMessage[] {
  const seen = new Set<string>();
  const out: UiMessage[] = [];
  for (const message of messages ?? []) {
    const text = typeof message?.message === 'string' ? message.message.trim().slice(0, MAX_MESSAGE_LENGTH) : '';
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ level: levelOf(message.class), text });
  }
  return out;
}
