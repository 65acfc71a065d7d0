import { describe, expect, it } from 'vitest';
import { isMessage, message } from './text';

describe('message', () => {
  it('carries its values when it has some, and no values field when it has none', () => {
    expect(message('api.failure.network')).toStrictEqual({ id: 'api.failure.network' });
    expect(message('passwordRule.minLength', { count: 8 })).toStrictEqual({ id: 'passwordRule.minLength', values: { count: 8 } });
  });
});

describe('isMessage', () => {
  it('tells one of the app\'s messages from the org\'s words and from anything else, null included', () => {
    expect(isMessage(message('api.failure.network'))).toBe(true);
    expect([isMessage('Welcome to Example Corp'), isMessage(null), isMessage(undefined), isMessage({ id: 3 }), isMessage({})]).toEqual([false, false, false, false, false]);
  });
});
