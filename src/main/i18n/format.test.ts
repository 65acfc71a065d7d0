import { describe, expect, it } from 'vitest';
import { formatText } from './format';
import { message } from '../../shared/i18n/text';

describe('formatText', () => {
  it('formats a catalog message in the locale, with plurals and nested messages', () => {
    expect(formatText(message('signIn.submit'), 'de')).toBe('Anmelden');
    expect(formatText(message('time.seconds', { count: 1 }), 'en')).toBe('1 second');
    expect(formatText(message('time.seconds', { count: 5 }), 'en')).toBe('5 seconds');
    expect(formatText(message('signIn.retryIn', { duration: message('time.minutes', { count: 2 }) }), 'fr')).toBe('Vous pourrez réessayer dans 2 minutes.');
    expect(formatText(message('time.seconds', { count: 2 }), 'ar')).toBe('ثانيتين');
  });

  it('shows the org’s words as they are', () => {
    expect(formatText('Authentication failed', 'de')).toBe('Authentication failed');
  });
});
