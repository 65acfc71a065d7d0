import { describe, expect, it } from 'vitest';
import { sentences } from './sentences';

describe('sentences', () => {
  it('ends a text without its own stop with a full stop, and joins texts with a space', () => {
    expect(sentences(['Authentication failed', 'Check your password.'])).toBe('Authentication failed. Check your password.');
  });

  it('keeps what already ends as a sentence, trimmed: . ! ? … and a colon', () => {
    expect(sentences([' Done. ', 'Really!', 'Sure?', 'Wait…', 'Note:'])).toBe('Done. Really! Sure? Wait… Note:');
  });

  it('adds no Latin full stop after a Japanese or Arabic one', () => {
    expect(sentences(['この項目は必須です。', 'もう一度お試しください！', 'هل نسيت كلمة المرور؟', 'هذا مطلوب.'])).toBe(
      'この項目は必須です。 もう一度お試しください！ هل نسيت كلمة المرور؟ هذا مطلوب.',
    );
  });

  it('looks through closing brackets, quotes and the pseudo-locale’s padding', () => {
    expect(sentences(['⟦Ţĥîš îš ŕéǫûîŕéđ.······⟧', '(Try again.)', '«Fini.»', 'He said "no."'])).toBe('⟦Ţĥîš îš ŕéǫûîŕéđ.······⟧ (Try again.) «Fini.» He said "no."');
    expect(sentences(['⟦Ƒåîļéđ····⟧', '(see above)'])).toBe('⟦Ƒåîļéđ····⟧. (see above).');
  });

  it('is empty for no texts', () => {
    expect(sentences([])).toBe('');
  });
});
