/**
 * How a users file's `factors` and `authenticators` become enrollments (authenticators/schema.ts):
 * each authenticator's defaults, the normalising of numbers and secrets, and the refinements
 * the schema adds to zod's types, each on its own.
 */
import { describe, expect, it } from 'vitest';
import { authenticatorsSchema, enrollmentsFromFile, type AuthenticatorsInput } from '../authenticators/schema';
import { enrollmentIdFor } from '../authenticators/documents';
import type { IdpUser } from '../types';

const user = (extra: Partial<IdpUser> & { authenticators?: AuthenticatorsInput } = {}) => ({
  login: 'Ada@Example.com',
  password: 'pw',
  status: 'ACTIVE' as const,
  profile: { email: 'ada.profile@example.com' },
  factors: ['password'],
  ...extra,
});

const dataOf = (u: ReturnType<typeof user>) => Object.fromEntries([...enrollmentsFromFile(u)].map(([key, e]) => [key, e.data]));

describe('enrollmentsFromFile', () => {
  it('always enrolls the password, with an id stable for the login', () => {
    const enrollments = enrollmentsFromFile(user({ factors: [] }));
    expect([...enrollments.keys()]).toEqual(['okta_password']);
    expect(enrollments.get('okta_password')).toEqual({ id: enrollmentIdFor('Ada@Example.com', 'okta_password'), data: {} });
  });

  it('fills each authenticator\'s defaults and normalises what people type', () => {
    const data = dataOf(
      user({
        authenticators: {
          okta_email: {},
          phone_number: { phoneNumber: '+1 (555) 010-0001' },
          google_otp: { secret: 'jbswy3dpehpk3pxp' },
          okta_verify: { secret: 'mfrggzdfmztwq2lk' },
          security_question: { questionKey: 'disliked_food', answer: 'Kale' },
          webauthn: {},
        },
      }),
    );
    expect(data).toEqual({
      okta_password: {},
      okta_email: { email: 'ada.profile@example.com' },
      phone_number: { phoneNumber: '+15550100001', methods: ['sms', 'voice'] },
      google_otp: { secret: 'JBSWY3DPEHPK3PXP' },
      okta_verify: { secret: 'MFRGGZDFMZTWQ2LK', methods: ['push', 'totp'], numberChallenge: false },
      security_question: { questionKey: 'disliked_food', question: 'What is the food you least liked as a child?', answer: 'Kale' },
      webauthn: { name: 'Security Key or Biometric' },
    });
  });

  it('keeps what the file gives: the address, the methods, the number challenge, a custom question, the key and its credential', () => {
    const publicKey = { kty: 'EC' as const, crv: 'P-256' as const, x: 'x'.repeat(43), y: 'y'.repeat(43) };
    const data = dataOf(
      user({
        authenticators: {
          okta_email: { email: 'other@example.com' },
          phone_number: { phoneNumber: '+15550100002', methods: ['voice'] },
          okta_verify: { secret: 'MFRGGZDFMZTWQ2LK', methods: ['push'], numberChallenge: true },
          security_question: { questionKey: 'custom', question: 'Who?', answer: 'Mrs Honey' },
          webauthn: { name: 'YubiKey', credentialId: 'XoFxE_qM80TmETTmEFQz3Q', publicKey },
        },
      }),
    );
    expect(data.okta_email).toEqual({ email: 'other@example.com' });
    expect(data.phone_number).toEqual({ phoneNumber: '+15550100002', methods: ['voice'] });
    expect(data.okta_verify).toEqual({ secret: 'MFRGGZDFMZTWQ2LK', methods: ['push'], numberChallenge: true });
    expect(data.security_question).toEqual({ questionKey: 'custom', question: 'Who?', answer: 'Mrs Honey' });
    expect(data.webauthn).toEqual({ name: 'YubiKey', credential: { id: 'XoFxE_qM80TmETTmEFQz3Q', publicKey } });
  });

  it('an email enrollment without an address, and no profile email, is the login\'s', () => {
    expect(dataOf(user({ profile: {}, authenticators: { okta_email: {} } })).okta_email).toEqual({ email: 'Ada@Example.com' });
  });

  it('a bare `factors` entry enrolls email (the older format), `webauthn` a key; the password and repeats add nothing', () => {
    const enrollments = enrollmentsFromFile(user({ factors: ['password', 'okta_password', 'sms', 'webauthn', 'okta_email'] }));
    expect([...enrollments.keys()]).toEqual(['okta_password', 'okta_email', 'webauthn']);
    expect(enrollments.get('okta_email')?.data).toEqual({ email: 'ada.profile@example.com' });
    // An authenticator with data of its own wins over its bare `factors` entry.
    const both = enrollmentsFromFile(user({ factors: ['okta_email'], authenticators: { okta_email: { email: 'mine@example.com' } } }));
    expect(both.get('okta_email')?.data).toEqual({ email: 'mine@example.com' });
    const older = enrollmentsFromFile(user({ factors: ['sms'], authenticators: { okta_email: { email: 'mine@example.com' } } }));
    expect(older.get('okta_email')?.data).toEqual({ email: 'mine@example.com' });
    expect([...enrollmentsFromFile(user({ factors: ['google_otp'], authenticators: { google_otp: { secret: 'JBSWY3DPEHPK3PXP' } } })).keys()]).toEqual(['okta_password', 'google_otp']);
  });

  it('ignores a key that is not an authenticator', () => {
    const odd = user({ authenticators: { toString: {} } as unknown as AuthenticatorsInput });
    expect([...enrollmentsFromFile(odd).keys()]).toEqual(['okta_password']);
  });
});

describe('authenticatorsSchema refinements', () => {
  const issue = (input: unknown) => {
    const parsed = authenticatorsSchema.safeParse(input);
    return parsed.success ? 'ok' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };

  it('a phone number must be E.164 once separators are dropped', () => {
    expect(issue({ phone_number: { phoneNumber: '+1 555 010 0001' } })).toBe('ok');
    expect(issue({ phone_number: { phoneNumber: '555-0100' } })).toBe('phone_number.phoneNumber: must be a phone number in E.164 form, e.g. +15550100001');
  });

  it('a TOTP secret needs 16 base32 characters before its padding', () => {
    expect(issue({ google_otp: { secret: 'JBSWY3DPEHPK3PXP' } })).toBe('ok');
    expect(issue({ google_otp: { secret: 'JBSWY3DPEHPK3PX=' } })).toBe('google_otp.secret: must hold at least 80 bits (16 base32 characters)');
    expect(issue({ google_otp: { secret: 'JBSWY3DPEHPK3PX1' } })).toBe('google_otp.secret: must be a base32 TOTP secret');
  });

  it('methods must not repeat', () => {
    expect(issue({ okta_verify: { secret: 'JBSWY3DPEHPK3PXP', methods: ['push', 'totp'] } })).toBe('ok');
    expect(issue({ okta_verify: { secret: 'JBSWY3DPEHPK3PXP', methods: ['push', 'push'] } })).toBe('okta_verify.methods: must not repeat a method');
  });

  it('a security key needs its credential id and public key together, or neither', () => {
    expect(issue({ webauthn: { name: 'Key' } })).toBe('ok');
    expect(issue({ webauthn: { credentialId: 'XoFxE_qM80TmETTmEFQz3Q' } })).toBe('webauthn: needs both credentialId and publicKey, or neither');
  });
});
