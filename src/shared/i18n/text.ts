/**
 * What the app shows a person, as data that crosses the bridge: either one of the app's own
 * messages (an id of the catalog in ./catalog, with its ICU values), which the renderer formats in
 * the person's language, or the org's own words (a plain string), shown as the org sent them. Main
 * never formats the app's words for the renderer, so a change of language needs no new view.
 *
 * Types and one constructor only: src/shared has no runtime dependencies.
 */
import type english from './catalog/en.json';

/** Every message id of the catalog; English (catalog/en.json) is the source. */
export type MessageId = keyof typeof english;

/** A value of an ICU argument: a number (plurals, `#`), a string (user data), or another message. */
export type MessageValue = string | number | Message;

export interface Message {
  readonly id: MessageId;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

/** A plain string is the org's (or the user's) own words; a `Message` is the app's, from the catalog. */
export type Text = string | Message;

/** One of the app's messages; `values` are the ICU arguments of the catalog entry. */
export function message(id: MessageId, values?: Readonly<Record<string, MessageValue>>): Message {
  return values === undefined ? { id } : { id, values };
}

export function isMessage(text: unknown): text is Message {
  return typeof text === 'object' && text !== null && typeof (text as { id?: unknown }).id === 'string';
}
