import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { directionOf, type DisplayLocale } from '../../../shared/i18n/locales';
import { isMessage, type Message, type MessageId, type MessageValue, type Text } from '../../../shared/i18n/text';

export interface Translate {
  /** One of the renderer's own messages, in the person's language. */
  t(id: MessageId, values?: Readonly<Record<string, MessageValue>>): string;
  /** Text from main: the app's message formatted, the org's words as they are. */
  show(text: Text): string;
}

/** Unicode's first-strong isolate and its end: the text between is laid out on its own (UAX #9). */
export const FIRST_STRONG_ISOLATE = '\u2068';
export const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * Formats the catalog's messages with `intl`. In a right-to-left language every string value
 * (user data, the org's words: an email, a username, a name) is isolated, so a Latin email inside
 * Arabic keeps its own order and does not pull the punctuation around it along; a string cannot
 * carry a <bdi>, and titles and labels are strings.
 */
export function createTranslate(intl: Pick<IntlShape, 'formatMessage' | 'locale'>): Translate {
  const isolate = directionOf(intl.locale as DisplayLocale) === 'rtl' ? (value: string) => `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}` : (value: string) => value;
  const valueOf = (value: MessageValue): string | number => (isMessage(value) ? format(value) : typeof value === 'string' ? isolate(value) : value);
  const format = (m: Message): string => intl.formatMessage({ id: m.id }, Object.fromEntries(Object.entries(m.values ?? {}).map(([name, value]) => [name, valueOf(value)])));
  return {
    t: (id, values) => format(values === undefined ? { id } : { id, values }),
    show: (text) => (isMessage(text) ? format(text) : text),
  };
}

export function useText(): Translate {
  const intl = useIntl();
  return useMemo(() => createTranslate(intl), [intl]);
}
