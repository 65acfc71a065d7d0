/** The sign-up form's checks on their own (idx/registration.ts): each field rule's bound, and the profile a new user gets. */
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../idx/registration';
import type { ProfileField } from '../idx/self-service';

const text = (name: string, extra: Partial<ProfileField> = {}): ProfileField => ({ name, label: name, type: 'string', required: false, ...extra });
const EMAIL = text('email', { label: 'Work email', required: true });
const nobody = () => false;

/** The i18n key of each refused field. */
function refusals(fields: ProfileField[], input: Record<string, unknown>, taken = nobody) {
  const checked = checkProfile(fields, input, taken);
  return checked.ok ? {} : Object.fromEntries(Object.entries(checked.errors).map(([name, list]) => [name, list.map((m) => m.i18n?.key)]));
}

describe('checkProfile', () => {
  it('makes the email the login, trims what was typed, and names the person from first and last name', () => {
    const checked = checkProfile([text('firstName'), text('lastName'), EMAIL, text('team')], { firstName: ' Ada ', lastName: 'Lovelace', email: ' ada@example.com ', team: ' eng ' }, nobody);
    expect(checked).toEqual({
      ok: true,
      login: 'ada@example.com',
      profile: { team: 'eng', email: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace', name: 'Ada Lovelace' },
    });
  });

  it('leaves out the names a person did not give', () => {
    expect(checkProfile([text('firstName'), text('lastName'), EMAIL], { lastName: 'Lovelace', email: 'a@example.com' }, nobody)).toStrictEqual({
      ok: true,
      login: 'a@example.com',
      profile: { email: 'a@example.com', family_name: 'Lovelace', name: 'Lovelace' },
    });
    expect(checkProfile([text('firstName'), text('lastName'), EMAIL], { firstName: 'Ada', lastName: '', email: 'a@example.com' }, nobody)).toStrictEqual({
      ok: true,
      login: 'a@example.com',
      profile: { email: 'a@example.com', given_name: 'Ada', name: 'Ada' },
    });
  });

  it('refuses a blank required field and a value of the wrong type', () => {
    expect(refusals([text('firstName', { required: true }), EMAIL], { firstName: '   ', email: 42 })).toEqual({
      firstName: ['model.validation.field.blank'],
      email: ['model.validation.field.invalid'],
    });
    // What is sent back to the form: the text typed, never a value of another type.
    expect(checkProfile([text('firstName', { required: true }), EMAIL], { firstName: '   ', email: 42 }, nobody)).toStrictEqual(expect.objectContaining({ values: { firstName: '' } }));
  });

  it('asks whether the login is taken even when the org\'s form has no email field, and says "Email"', () => {
    const asked: unknown[] = [];
    const checked = checkProfile([text('nick')], { nick: 'ada' }, (login) => (asked.push(login), true));
    expect(asked).toEqual(['']);
    expect(checked).toMatchObject({ ok: false, errors: { email: [{ message: 'A user with this Email already exists' }] } });
  });

  it('does not take a ticked box called firstName for a name', () => {
    const box = { name: 'firstName', label: 'First', type: 'boolean', required: false } as const;
    expect(checkProfile([box, EMAIL], { firstName: true, email: 'a@example.com' }, nobody)).toStrictEqual({ ok: true, login: 'a@example.com', profile: { email: 'a@example.com' } });
  });

  it('holds each length bound exactly', () => {
    const field = text('nick', { minLength: 2, maxLength: 4 });
    expect(refusals([field, EMAIL], { nick: 'ab', email: 'a@example.com' })).toEqual({});
    expect(refusals([field, EMAIL], { nick: 'abcd', email: 'a@example.com' })).toEqual({});
    expect(refusals([field, EMAIL], { nick: 'a', email: 'a@example.com' })).toEqual({ nick: ['model.validation.field.invalid'] });
    expect(refusals([field, EMAIL], { nick: 'abcde', email: 'a@example.com' })).toEqual({ nick: ['model.validation.field.invalid'] });
  });

  it('allows 1000 characters where the org sets no maximum, not 1001', () => {
    expect(refusals([text('bio'), EMAIL], { bio: 'x'.repeat(1000), email: 'a@example.com' })).toEqual({});
    expect(refusals([text('bio'), EMAIL], { bio: 'x'.repeat(1001), email: 'a@example.com' })).toEqual({ bio: ['model.validation.field.invalid'] });
  });

  it('takes only one of a field\'s choices', () => {
    const team = text('team', { options: [{ label: 'Eng', value: 'eng' }, { label: 'Sales', value: 'sales' }] });
    expect(refusals([team, EMAIL], { team: 'sales', email: 'a@example.com' })).toEqual({});
    expect(refusals([team, EMAIL], { team: 'legal', email: 'a@example.com' })).toEqual({ team: ['model.validation.field.invalid'] });
  });

  it('wants an email that looks like one, and one nobody has', () => {
    expect(refusals([EMAIL], { email: 'ada' })).toEqual({ email: ['model.validation.field.invalid'] });
    expect(refusals([text('note'), EMAIL], { note: 'ada', email: 'ada@example.com' })).toEqual({});
    const taken = checkProfile([EMAIL], { email: 'ada@example.com' }, (login) => login === 'ada@example.com');
    expect(taken).toMatchObject({ ok: false, errors: { email: [{ message: 'A user with this Work email already exists' }] }, values: { email: 'ada@example.com' } });
  });

  it('checks a boolean field as a boolean: required means ticked', () => {
    const terms = { name: 'terms', label: 'Terms', type: 'boolean', required: true } as const;
    expect(refusals([terms, EMAIL], { terms: true, email: 'a@example.com' })).toEqual({});
    expect(refusals([terms, EMAIL], { terms: false, email: 'a@example.com' })).toEqual({ terms: ['model.validation.field.blank'] });
    expect(refusals([terms, EMAIL], { email: 'a@example.com' })).toEqual({ terms: ['model.validation.field.blank'] });
    expect(refusals([terms, EMAIL], { terms: 'yes', email: 'a@example.com' })).toEqual({ terms: ['model.validation.field.invalid'] });
    expect(refusals([{ ...terms, required: false }, EMAIL], { email: 'a@example.com' })).toEqual({});
    const refused = checkProfile([terms, EMAIL], { terms: false, email: 'nope' }, nobody);
    expect(refused).toMatchObject({ ok: false, values: { terms: false, email: 'nope' } });
    expect(checkProfile([terms, EMAIL], { terms: true, email: 'a@example.com' }, nobody)).toEqual({ ok: true, login: 'a@example.com', profile: { terms: true, email: 'a@example.com' } });
  });
});
