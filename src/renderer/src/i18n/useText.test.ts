import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../shared/i18n/catalog';
import { message } from '../../../shared/i18n/text';
import { createTranslate, FIRST_STRONG_ISOLATE as FSI, POP_DIRECTIONAL_ISOLATE as PDI } from './useText';

const translate = (locale: 'en' | 'de' | 'ar') => createTranslate(createIntl({ locale, messages: CATALOGS[locale] }));

describe('createTranslate', () => {
  it('formats a message with its values, and shows the org’s words as they are', () => {
    const { t, show } = translate('en');
    expect(t('home.welcome', { name: 'Alice Example' })).toBe('Welcome, Alice Example');
    expect(t('signIn.title')).toBe('Sign in');
    expect(show('Authentication failed')).toBe('Authentication failed');
    expect(show(message('step.code.sentToEmail', { email: 'a@example.com' }))).toBe('We sent a code to a@example.com. Enter it below, or use the link in the email.');
  });

  it('isolates each string value in Arabic, so an email or a name keeps its own order inside right-to-left text', () => {
    const { t, show } = translate('ar');
    expect(t('home.welcome', { name: 'Alice Example' })).toBe(CATALOGS.ar['home.welcome'].replace('{name}', `${FSI}Alice Example${PDI}`));
    expect(t('home.email.notVerified', { email: 'alice@example.com' })).toBe(CATALOGS.ar['home.email.notVerified'].replace('{email}', `${FSI}alice@example.com${PDI}`));
    // The org's words on their own are the whole text: nothing to isolate them from.
    expect(show('Authentication failed')).toBe('Authentication failed');
  });

  it('isolates nothing in a left-to-right language, and never the app’s own nested messages', () => {
    expect(translate('de').t('home.welcome', { name: 'Alice Example' })).toBe(CATALOGS.de['home.welcome'].replace('{name}', 'Alice Example'));
    const nested = translate('ar').show(message('terminal.getHelpFrom', { org: message('app.name') }));
    expect(nested).toBe(CATALOGS.ar['terminal.getHelpFrom'].replace('{org}', CATALOGS.ar['app.name']));
    expect(nested).not.toContain(FSI);
  });
});
