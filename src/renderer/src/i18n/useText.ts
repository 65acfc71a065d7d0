import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { isMessage, type Message, type MessageId, type MessageValue, type Text } from '../../../shared/i18n/text';

export interface Translate {
  /** One of the renderer's own messages, in the person's language. */
  t(id: MessageId, values?: Readonly<Record<string, MessageValue>>): string;
  /** Text from main: the app's message formatted, the org's words as they are. */
  show(text: Text): string;
}

export function useText(): Translate {
  const intl = useIntl();
  return useMemo(() => {
    const format = (m: Message): string =>
      intl.formatMessage({ id: m.id }, Object.fromEntries(Object.entries(m.values ?? {}).map(([name, value]) => [name, isMessage(value) ? format(value) : value])));
    return {
      t: (id, values) => format(values === undefined ? { id } : { id, values }),
      show: (text) => (isMessage(text) ? format(text) : text),
    };
  }, [intl]);
}
