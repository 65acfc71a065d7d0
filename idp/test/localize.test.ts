import { describe, expect, it } from 'vitest';
import { localizeReply, preferredLanguage } from '../idx/localize';
import { jsonReply } from '../http/http-util';

describe('preferredLanguage', () => {
  it('takes the best-ranked language it speaks; English or none first means none', () => {
    expect(preferredLanguage('de, en;q=0.5')).toBe('de');
    expect(preferredLanguage('fr-CA')).toBe('fr');
    expect(preferredLanguage('ja, fr;q=0.8, de;q=0.9')).toBe('de');
    expect(preferredLanguage('en, de;q=0.9')).toBeUndefined();
    expect(preferredLanguage('de;q=0, fr;q=0.1')).toBe('fr');
    expect(preferredLanguage('ja')).toBeUndefined();
    expect(preferredLanguage(undefined)).toBeUndefined();
    expect(preferredLanguage('')).toBeUndefined();
  });

  it('reads q-values wherever the spaces are, after other parameters, and keeps the order of equals', () => {
    expect(preferredLanguage('de; q=0.5, fr;q=0.9')).toBe('fr');
    expect(preferredLanguage('de ;q=0.9,fr;q=0.5')).toBe('de');
    expect(preferredLanguage('de;xy=0;q=0.9, fr;q=0.5')).toBe('de');
    expect(preferredLanguage('fr, de')).toBe('fr');
    expect(preferredLanguage('de, fr')).toBe('de');
    expect(preferredLanguage('de;q=0')).toBeUndefined();
    expect(preferredLanguage('de;q=zero')).toBeUndefined();
  });
});

describe('localizeReply', () => {
  const idx = (message: string, key: string) =>
    jsonReply(401, { version: '1.0.0', messages: { type: 'array', value: [{ message, i18n: { key }, class: 'ERROR' }] }, remediation: { value: [{ name: 'identify', value: [{ name: 'x', messages: { value: [{ message: 'Password is incorrect', i18n: { key: 'incorrectPassword' } }] } }] }] } });

  it('translates the messages it knows, at any depth, and says which language', () => {
    const reply = localizeReply(idx('There is no account with the Username a.b@example.com.', 'idx.unknown.user'), { 'accept-language': 'fr' });
    expect(reply.headers['Content-Language']).toBe('fr');
    const body = JSON.parse(reply.body);
    expect(body.messages.value[0].message).toBe('Aucun compte n’existe avec le nom d’utilisateur a.b@example.com.');
    expect(body.remediation.value[0].value[0].messages.value[0].message).toBe('Le mot de passe est incorrect');
  });

  it('translates the field labels it knows, and only labels of fields', () => {
    const form = jsonReply(200, { remediation: { value: [{ name: 'identify', value: [{ name: 'identifier', label: 'Username' }, { name: 'rememberMe', label: 'Remember this device' }, { name: 'x', label: 'Other' }] }] }, label: 'Password' });
    const body = JSON.parse(localizeReply(form, { 'accept-language': 'de-AT' }).body);
    expect(body.remediation.value[0].value.map((field: { label: string }) => field.label)).toEqual(['Benutzername', 'Dieses Gerät merken', 'Other']);
    expect(body.label).toBe('Password');
    const options = jsonReply(200, { value: [{ name: 'authenticator', options: [{ label: 'Email', value: { form: {} } }, { label: 'Phone', value: 'p' }] }] });
    const chosen = JSON.parse(localizeReply(options, { 'accept-language': 'fr' }).body);
    expect(chosen.value[0].options.map((option: { label: string }) => option.label)).toEqual(['E-mail', 'Téléphone']);
  });

  it.each([
    ['errors.E0000004', 'Authentication failed', 'Authentifizierung fehlgeschlagen', 'Échec de l’authentification'],
    ['incorrectPassword', 'Password is incorrect', 'Das Passwort ist falsch', 'Le mot de passe est incorrect'],
    ['idx.unknown.user', 'There is no account with the Username ada.', 'Es gibt kein Konto mit dem Benutzernamen ada.', 'Aucun compte n’existe avec le nom d’utilisateur ada.'],
    ['api.authn.error.PASSCODE_INVALID', 'Invalid code. Try again.', 'Ungültiger Code. Versuchen Sie es erneut.', 'Code non valide. Réessayez.'],
  ])('translates %s into German and French', (key, english, de, fr) => {
    const text = (language: string) => JSON.parse(localizeReply(idx(english, key), { 'accept-language': language }).body).messages.value[0].message;
    expect([text('de'), text('fr')]).toEqual([de, fr]);
  });

  it('names no username when the English message does not end with one', () => {
    const reply = localizeReply(idx('There is no account with the Username ada. Try again', 'idx.unknown.user'), { 'accept-language': 'de' });
    expect(JSON.parse(reply.body).messages.value[0].message).toBe('Es gibt kein Konto mit dem Benutzernamen .');
  });

  it('passes over nulls, and a known key without a message', () => {
    const reply = jsonReply(200, { user: { value: { profile: { firstName: null } } }, messages: { value: [{ i18n: { key: 'incorrectPassword' } }] } });
    expect(localizeReply(reply, { 'accept-language': 'de' })).toBe(reply);
  });

  it('leaves English, unknown keys, other languages and bodies that are not JSON as they are', () => {
    const english = idx('Authentication failed', 'errors.E0000004');
    expect(localizeReply(english, {})).toBe(english);
    expect(localizeReply(english, { 'accept-language': 'ja' })).toBe(english);
    const unknown = jsonReply(400, { messages: { value: [{ message: 'Too many requests', i18n: { key: 'tooManyRequests' } }] } });
    expect(localizeReply(unknown, { 'accept-language': 'de' })).toBe(unknown);
    const text = { status: 200, headers: {}, body: 'not json' };
    expect(localizeReply(text, { 'accept-language': 'de' })).toBe(text);
    expect(JSON.parse(localizeReply(english, { 'accept-language': 'de' }).body).messages.value[0].message).toBe('Authentifizierung fehlgeschlagen');
  });
});
