/**
 * Google Authenticator's documents over plain HTTP, as Okta's
 * (widget-playground/authenticator-verification-google-authenticator.json,
 * authenticator-enroll-google-authenticator.json, error-authenticator-enroll-google-invalid-otp.json,
 * error-authenticator-verification-on-google-otp-invalid-passcode.json and -used-passcode.json).
 * mfa-google.test.ts runs the same flows through okta-auth-js, which hides most of these fields.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { testClock, totpCode } from './mfa-helpers';
import { afterPassword, type IdxDocument } from './raw-flow';


const idpWith = idpPerTest();
const GOOGLE = { type: 'app', key: 'google_otp', id: 'autEmulatorGoogle001', displayName: 'Google Authenticator', methods: [{ type: 'otp' }] };
const CODE_FIELD = { name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'passcode', label: 'Enter code', required: true, visible: true }] } };

type Field = { name: string; [key: string]: unknown };
const remediation = (doc: IdxDocument, name: string) => doc.remediation?.value.find((r) => r.name === name) as (Record<string, unknown> & { value: Field[] }) | undefined;
const fields = (doc: IdxDocument, name: string) => remediation(doc, name)?.value.filter((f) => f.name !== 'stateHandle');
const part = (doc: IdxDocument, name: string) => doc[name] as { type?: string; value: unknown } | undefined;

describe('Google Authenticator documents', () => {
  it('verifying: Okta\'s challenge form and parts; blank, wrong and used codes get Okta\'s messages on the field', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { post, first } = await afterPassword(idp, 'totp-mfa@example.com');
    const options = (fields(first.doc, 'select-authenticator-authenticate')?.[0]?.options ?? []) as Array<{ label: string; value: { form: { value: Field[] } } }>;
    expect(options.find((o) => o.label === 'Google Authenticator')?.value.form.value).toEqual([{ name: 'id', required: true, value: GOOGLE.id, mutable: false }]);
    const challenge = await post('challenge', { authenticator: { id: GOOGLE.id } });
    expect(fields(challenge.doc, 'challenge-authenticator')).toEqual([CODE_FIELD]);
    expect(remediation(challenge.doc, 'challenge-authenticator')?.relatesTo).toEqual(['$.currentAuthenticator']);
    expect(part(challenge.doc, 'currentAuthenticator')).toEqual({ type: 'object', value: GOOGLE });
    expect(part(challenge.doc, 'authenticators')).toEqual({ type: 'array', value: [GOOGLE] });

    const blank = await post('challenge/answer', { credentials: { passcode: '' } });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    const tooLong = await post('challenge/answer', { credentials: { passcode: '1'.repeat(65) } });
    expect([tooLong.status, tooLong.keys]).toEqual([400, ['model.validation.field.blank']]);
    const wrong = await post('challenge/answer', { credentials: { passcode: totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', clock.now(), 3) } });
    expect([wrong.status, wrong.keys]).toEqual([401, ['authfactor.challenge.soft_token.invalid_passcode']]);
    const code = totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', clock.now());
    expect((await post('challenge/answer', { credentials: { passcode: code } })).remediations).toEqual([]);
    const { post: again } = await afterPassword(idp, 'totp-mfa@example.com');
    await again('challenge', { authenticator: { id: GOOGLE.id } });
    const used = await again('challenge/answer', { credentials: { passcode: code } });
    expect([used.status, used.keys]).toEqual([401, ['authfactor.challenge.soft_token.used_passcode']]);
  });

  it('enrolling: the QR code and the setup key beside Okta\'s enroll form; the enrollment authenticator part', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { post } = await afterPassword(idp, 'enroll-totp@example.com');
    const enroll = await post('credential/enroll', { authenticator: { id: GOOGLE.id } });
    expect(fields(enroll.doc, 'enroll-authenticator')).toEqual([CODE_FIELD]);
    expect(remediation(enroll.doc, 'enroll-authenticator')?.href).toBe(`${idp.origin}/idp/idx/challenge/answer`);
    const current = part(enroll.doc, 'currentAuthenticator');
    expect(current).toEqual({
      type: 'object',
      value: { ...GOOGLE, contextualData: { qrcode: { method: 'embedded', href: expect.stringMatching(/^data:image\/png;base64,/), type: 'image/png' }, sharedSecret: expect.stringMatching(/^[A-Z2-7]{32}$/) } },
    });
    expect(part(enroll.doc, 'enrollmentAuthenticator')).toEqual({ type: 'object', value: GOOGLE });
    const { sharedSecret: secret, qrcode } = (current?.value as { contextualData: { sharedSecret: string; qrcode: { href: string } } }).contextualData;
    // A PNG 200 pixels square (its IHDR chunk: width and height at bytes 16 and 20).
    const png = Buffer.from(qrcode.href.split(',')[1] ?? '', 'base64');
    expect([png.subarray(1, 4).toString(), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['PNG', 200, 200]);

    expect((await post('challenge/answer', { credentials: {} })).keys).toEqual(['model.validation.field.blank']);
    const wrong = await post('challenge/answer', { credentials: { passcode: totpCode(secret, clock.now(), 3) } });
    expect([wrong.status, wrong.keys]).toEqual([401, ['api.authn.error.PASSCODE_INVALID']]);
    // The secret stays for the whole attempt: a wrong code does not make a new one.
    expect(part(wrong.doc, 'currentAuthenticator')?.value).toMatchObject({ contextualData: { sharedSecret: secret } });
    expect((await post('challenge/answer', { credentials: { passcode: totpCode(secret, clock.now()) } })).remediations).toEqual([]);
  });
});
