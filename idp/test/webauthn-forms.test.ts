/**
 * The security key over plain IDX, as Okta's documents have it
 * (widget-playground/authenticator-verification-webauthn.json): the enrollment listed with its
 * name and credential id, the challenge form's three hidden fields, the challenge data; and the
 * relying-party checks of an assertion posted to challenge/answer (W3C WebAuthn §7.2), which
 * browser-sign-in.test.ts runs through the hosted page.
 */
import { describe, expect, it } from 'vitest';
import { webauthnOrigin } from '../authenticators/webauthn';
import { idpPerTest } from './idp-per-test';
import { afterPassword, type IdxDocument } from './raw-flow';
import { assertion, SECURITY_KEY } from './security-key';
import type { RunningIdp } from '../index';

const idpWith = idpPerTest();
const KEY_ID = 'autEmulatorWebAuthn1';
const LOGIN = 'webauthn-only@example.com';
const FAILED = 'authfactor.webauthn.error.assertion_validation_failure';

type Field = { name: string; [key: string]: unknown };
const remediation = (doc: IdxDocument, name: string) => doc.remediation?.value.find((r) => r.name === name) as (Record<string, unknown> & { value: Field[] }) | undefined;
const fields = (doc: IdxDocument, name: string) => remediation(doc, name)?.value.filter((f) => f.name !== 'stateHandle');

/** Past the password, on the security key's challenge: the poster and the challenge to sign. */
async function keyChallenge(idp: RunningIdp) {
  const { post, first } = await afterPassword(idp, LOGIN);
  const page = await post('challenge', { authenticator: { id: KEY_ID } });
  const challenge = ((page.doc.currentAuthenticator as { value: { contextualData: { challengeData: { challenge: string } } } }).value.contextualData.challengeData.challenge);
  const { origin } = webauthnOrigin(idp.origin);
  const answer = (a: Record<string, string>) => post('challenge/answer', { credentials: a });
  return { first, page, challenge, answer, sign: (options: Parameters<typeof assertion>[2] = {}) => assertion(challenge, origin, options) };
}

describe('security key documents', () => {
  it('lists the enrollment with its name and credential id, and offers the key with its fixed method', async () => {
    const idp = await idpWith();
    const { first } = await keyChallenge(idp);
    const enrollments = (first.doc.authenticatorEnrollments as { value: Array<Record<string, unknown>> }).value;
    expect(enrollments.find((e) => e.key === 'webauthn')).toEqual({
      type: 'security_key',
      key: 'webauthn',
      id: expect.stringMatching(/^fwf[A-Za-z0-9]{17}$/),
      authenticatorId: KEY_ID,
      displayName: 'MacBook Touch ID',
      methods: [{ type: 'webauthn' }],
      credentialId: SECURITY_KEY.credentialId,
    });
    const options = (fields(first.doc, 'select-authenticator-authenticate')?.[0]?.options ?? []) as Array<{ label: string; value: { form: { value: Field[] } } }>;
    expect(options.find((o) => o.label === 'Security Key or Biometric')?.value.form.value).toEqual([
      { name: 'id', required: true, value: KEY_ID, mutable: false },
      { name: 'methodType', required: false, value: 'webauthn', mutable: false },
    ]);
  });

  it('the challenge form has Okta\'s three hidden fields; the challenge data names the RP and the org as appid', async () => {
    const idp = await idpWith();
    const { page, challenge } = await keyChallenge(idp);
    expect(fields(page.doc, 'challenge-authenticator')).toEqual([
      {
        name: 'credentials',
        type: 'object',
        required: true,
        form: { value: ['clientData', 'authenticatorData', 'signatureData'].map((name) => ({ name, required: true, visible: false })) },
      },
    ]);
    expect((page.doc.currentAuthenticator as { value: unknown }).value).toEqual({
      contextualData: { challengeData: { challenge, rpId: 'localhost', userVerification: 'preferred', extensions: { appid: idp.origin } } },
      type: 'security_key',
      key: 'webauthn',
      id: KEY_ID,
      displayName: 'Security Key or Biometric',
      methods: [{ type: 'webauthn' }],
    });
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect((await keyChallenge(idp)).challenge).not.toBe(challenge);
  });
});

describe('security key assertions over IDX', () => {
  it('a good assertion signs in; a refused one leaves the challenge as it was', async () => {
    const idp = await idpWith();
    const key = await keyChallenge(idp);
    // Signed as it should be, but its client data is over the 4 KiB a browser's ever is.
    const tooBig = key.sign({ clientExtra: { padding: 'x'.repeat(3000) } });
    expect(tooBig.clientData.length).toBeGreaterThan(4096);
    for (const bad of [
      tooBig,
      { ...key.sign(), signatureData: 'AAAA' },
      { ...key.sign(), authenticatorData: key.sign().authenticatorData.slice(0, 48) },
      { ...key.sign(), signatureData: 'A'.repeat(1025) },
    ]) {
      const refused = await key.answer(bad);
      expect([refused.status, refused.keys]).toEqual([400, [FAILED]]);
    }
    // Client data of 1-4 KiB (a browser's can carry more than the three fields) is read.
    const long = key.sign({ clientExtra: { other_keys_can_be_added_here: 'x'.repeat(1500) } });
    expect(long.clientData.length).toBeGreaterThan(2048);
    expect((await key.answer(long)).remediations).toEqual([]);
  });

  it('a counter of 0 (a key that keeps none) is accepted each time; a counter that does not grow is refused', async () => {
    const idp = await idpWith();
    for (const _ of [1, 2]) {
      const key = await keyChallenge(idp);
      expect((await key.answer(key.sign({ counter: 0 }))).remediations).toEqual([]);
    }
    const first = await keyChallenge(idp);
    expect((await first.answer(first.sign({ counter: 5 }))).remediations).toEqual([]);
    const same = await keyChallenge(idp);
    expect((await same.answer(same.sign({ counter: 5 }))).keys).toEqual([FAILED]);
    expect((await same.answer(same.sign({ counter: 6 }))).remediations).toEqual([]);
  });
});
