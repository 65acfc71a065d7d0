/**
 * Self-service registration's sign-up form: checks what was typed against the org's profile
 * fields (required, lengths, choices, an email that is one and is not taken) the way Okta answers
 * `enroll-profile` (errors on their fields, error-new-signup-email-exists.json), and turns it into
 * the new user's profile.
 */
import { MESSAGES, type IdxMessage } from './documents';
import type { IdpUser } from '../types';
import type { ProfileField } from './self-service';

export type ProfileCheck =
  | { ok: true; login: string; profile: IdpUser['profile'] }
  | { ok: false; errors: Record<string, IdxMessage[]>; values: Record<string, string | boolean> };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function problem(field: ProfileField, value: unknown): IdxMessage | undefined {
  if (field.type === 'boolean') {
    if (value !== undefined && typeof value !== 'boolean') return MESSAGES.invalidValue();
    return field.required && value !== true ? MESSAGES.blank() : undefined;
  }
  if (value !== undefined && typeof value !== 'string') return MESSAGES.invalidValue();
  const text = (value ?? '').trim();
  if (text === '') return field.required ? MESSAGES.blank() : undefined;
  if (text.length < (field.minLength ?? 0) || text.length > (field.maxLength ?? 1000)) return MESSAGES.invalidValue();
  if (field.options && !field.options.some((option) => option.value === text)) return MESSAGES.invalidValue();
  if (field.name === 'email' && !EMAIL.test(text)) return MESSAGES.invalidValue();
  return undefined;
}

/** `taken(login)`: a user with that login exists already. */
export function checkProfile(fields: ReadonlyArray<ProfileField>, input: Record<string, unknown>, taken: (login: string) => boolean): ProfileCheck {
  const errors: Record<string, IdxMessage[]> = {};
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const value = input[field.name];
    if (typeof value === 'string') values[field.name] = value.trim();
    else if (typeof value === 'boolean') values[field.name] = value;
    const found = problem(field, value);
    if (found) errors[field.name] = [found];
  }
  const email = typeof values.email === 'string' ? values.email : '';
  if (!errors.email && taken(email)) errors.email = [MESSAGES.notUniqueWithinOrg(fields.find((f) => f.name === 'email')?.label ?? 'Email')];
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  const { firstName, lastName, email: _email, ...rest } = values;
  const given = typeof firstName === 'string' && firstName ? firstName : undefined;
  const family = typeof lastName === 'string' && lastName ? lastName : undefined;
  const name = [given, family].filter(Boolean).join(' ');
  return {
    ok: true,
    login: email,
    profile: { ...rest, email, ...(given && { given_name: given }), ...(family && { family_name: family }), ...(name && { name }) },
  };
}
