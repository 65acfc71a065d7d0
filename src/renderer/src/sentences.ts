/**
 * Several messages as one text, each ending as a sentence: the org's often end without a full
 * stop ("Authentication failed"). A text that already ends as a sentence in its own script (。,
 * ؟, ! …), maybe inside closing brackets or quotes (the pseudo-locale's ⟧ and its padding), is
 * left as it is, so Japanese or Arabic gets no Latin full stop after its own.
 */
const ENDS_AS_SENTENCE = /[\p{Sentence_Terminal}…:][\p{Pe}\p{Pf}"'·]*$/u;

export function sentences(texts: ReadonlyArray<string>): string {
  return texts.map((text) => (ENDS_AS_SENTENCE.test(text.trim()) ? text.trim() : `${text.trim()}.`)).join(' ');
}
