/** Helpers every authenticator module shares (authenticators/documents.ts), and the email's masking, on their own. */
import { describe, expect, it } from 'vitest';
import { addEnrollment, enrollmentIdFor, stringOf } from '../authenticators/documents';
import { maskEmail } from '../authenticators/okta-email';
import { maskPhone, normalizePhone } from '../authenticators/phone-number';
import type { UserRecord } from '../org/users';

describe('enrollmentIdFor', () => {
  it('is Okta-shaped, stable, with a prefix per authenticator, the same for any case of the login', () => {
    const ids = {
      okta_password: 'lae035dgKiz5lc9Pmwnf',
      okta_email: 'eaeFVAAZOb9NZxlxSOMQ',
      phone_number: 'mbfOWRGtfGX1xBHAclxx',
      google_otp: 'uft9x4dxFV44TisFTPIr',
      okta_verify: 'pfdMvgjRkHpIl4nX26DG',
      security_question: 'qaeUXbjOccUjaSZtnJOg',
      webauthn: 'fwfmE4H81lK0REKKEZDe',
    } as const;
    for (const [key, id] of Object.entries(ids) as Array<[keyof typeof ids, string]>) {
      expect(enrollmentIdFor('Ada@Example.com', key)).toBe(id);
      expect(enrollmentIdFor('ada@example.com', key)).toBe(id);
      expect(id).toMatch(/^[a-z]{3}[A-Za-z0-9]{17}$/);
    }
    expect(enrollmentIdFor('bob@example.com', 'okta_email')).not.toBe(ids.okta_email);
  });
});

describe('addEnrollment', () => {
  it('records the enrollment on the user, with its TOTP step only when there is one', () => {
    const user = { login: 'ada@example.com', enrollments: new Map() } as unknown as UserRecord;
    expect(addEnrollment(user, 'okta_email', { email: 'ada@example.com' })).toStrictEqual({ id: 'eaeFVAAZOb9NZxlxSOMQ', data: { email: 'ada@example.com' } });
    expect(addEnrollment(user, 'google_otp', { secret: 'S' }, 7)).toStrictEqual({ id: 'uft9x4dxFV44TisFTPIr', data: { secret: 'S' }, lastTotpStep: 7 });
    expect([...user.enrollments.keys()]).toEqual(['okta_email', 'google_otp']);
  });
});

describe('stringOf', () => {
  it('takes a string up to its limit, 1024 unless told', () => {
    expect(stringOf('x'.repeat(1024))).toHaveLength(1024);
    expect(stringOf('x'.repeat(1025))).toBeUndefined();
    expect(stringOf('abc', 3)).toBe('abc');
    expect(stringOf('abcd', 3)).toBeUndefined();
    expect(stringOf(42)).toBeUndefined();
  });
});

describe('maskEmail', () => {
  it('keeps the first and last letter of the local part, and the domain', () => {
    expect(maskEmail('ada@example.com')).toBe('a***a@example.com');
    expect(maskEmail('ab@example.com')).toBe('a***b@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
    expect(maskEmail('not-an-address')).toBe('***');
  });
});

describe('phone numbers', () => {
  it('are E.164 once the separators people type are dropped, and nothing else', () => {
    expect(normalizePhone('+1 (555) 010-0001')).toBe('+15550100001');
    expect(normalizePhone('+44 20.7946.0958')).toBe('+442079460958');
    expect(normalizePhone('x+15550100001')).toBeUndefined();
    expect(normalizePhone('+15550100001x')).toBeUndefined();
    expect(normalizePhone('+0555010001')).toBeUndefined();
    expect(normalizePhone('+1234567')).toBeUndefined();
    expect(normalizePhone('+1234567890123456')).toBeUndefined();
    expect(normalizePhone('5550100001')).toBeUndefined();
  });

  it('are masked as Okta shows them: North American in its own pattern, others by length', () => {
    expect(maskPhone('+15550100001')).toBe('+1 XXX-XXX-0001');
    expect(maskPhone('+442079460958')).toBe('+44 XXXXXX0958');
    // A +1 number of another length is not North American in form.
    expect(maskPhone('+1555010000')).toBe('+15 XXXX0000');
    expect(maskPhone('+4915550100001')).toBe('+49 XXXXXXX0001');
    // Twelve characters like a North American number, but not one: masked the general way.
    expect(maskPhone('+44207946095')).toBe('+44 XXXXX6095');
  });
});
