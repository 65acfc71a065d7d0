/**
 * The shapes of the forms Okta's clients read field by field, over plain HTTP: the user object
 * (Okta's defaults for a missing name, time zone and locale), the unlock form's authenticator
 * options (widget-playground/user-unlock-account.json), the sign-up form's fields and what a
 * refused one sends back (enroll-profile-new.json), and the select forms' `required` and
 * `relatesTo` (select-authenticator-authenticate / -enroll).
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD, type RunningIdp } from '../index';

const idpWith = idpPerTest();

interface Field {
  name: string;
  [key: string]: unknown;
}
interface Doc {
  user?: { value: unknown };
  remediation?: { value: Array<{ name: string; value: Field[] }> };
}

const post = async (idp: RunningIdp, path: string, body: Record<string, unknown>) => (await idxRequest(idp, path, body)).doc as Doc;

const form = (doc: Doc, name: string) => doc.remediation?.value.find((r) => r.name === name)?.value ?? [];
const field = (doc: Doc, formName: string, fieldName: string) => form(doc, formName).find((f) => f.name === fieldName);

/** Each select option's id, and the authenticatorId of the enrollment its relatesTo points at. */
function optionTargets(doc: Doc, formName: string): Array<[unknown, unknown]> {
  const enrollments = (doc as { authenticatorEnrollments?: { value: Array<{ authenticatorId: string }> } }).authenticatorEnrollments?.value ?? [];
  const options = (field(doc, formName, 'authenticator')?.options ?? []) as Array<{ relatesTo: string; value: { form: { value: Field[] } } }>;
  return options.map((o) => {
    const index = Number(/^\$\.authenticatorEnrollments\.value\[(\d+)\]$/.exec(o.relatesTo)?.[1]);
    return [o.value.form.value[0]?.value, enrollments[index]?.authenticatorId];
  });
}

const user = (login: string, profile: Record<string, string>, factors = ['password']) => ({ login, password: DEMO_PASSWORD, status: 'ACTIVE' as const, profile, factors });

describe('IDX document shapes', () => {
  it('the user object carries the profile, with Okta\'s defaults for what the user lacks', async () => {
    const idp = await idpWith({
      policy: 'identifier-first',
      users: [user('ada@example.com', { given_name: 'Ada', family_name: 'Lovelace', zoneinfo: 'Europe/London', locale: 'en_GB' }), user('bob@example.com', {})],
    });
    const ada = await post(idp, 'identify', { identifier: 'ada@example.com', stateHandle: (await startRaw(idp)).stateHandle });
    expect(ada.user?.value).toMatchObject({ identifier: 'ada@example.com', profile: { firstName: 'Ada', lastName: 'Lovelace', timeZone: 'Europe/London', locale: 'en_GB' } });
    const bob = await post(idp, 'identify', { identifier: 'bob@example.com', stateHandle: (await startRaw(idp)).stateHandle });
    expect(bob.user?.value).toMatchObject({ identifier: 'bob@example.com', profile: { firstName: null, lastName: null, timeZone: 'UTC', locale: 'en_US' } });
    // "Forgot password?" before anyone is named: a user object, still empty.
    const nobody = await post(idp, 'recover', { stateHandle: (await startRaw(idp)).stateHandle });
    expect(nobody.user?.value).toEqual({});
  });

  it('the unlock form offers each authenticator by id and method, the phone by SMS', async () => {
    const idp = await idpWith({ unlockAuthenticators: ['okta_email', 'phone_number'] });
    const { stateHandle } = await startRaw(idp);
    const doc = await post(idp, 'unlock-account', { stateHandle });
    const options = field(doc, 'select-authenticator-unlock-account', 'authenticator')?.options as Array<{ label: string; value: { form: { value: Field[] } }; relatesTo: string }>;
    expect(options.map((o) => [o.label, o.value.form.value.map(({ name, required, mutable }) => [name, required, mutable]), o.relatesTo])).toEqual([
      ['Email', [['id', true, false], ['methodType', false, false]], '$.authenticators.value[0]'],
      ['Phone', [['id', true, false], ['methodType', false, false]], '$.authenticators.value[1]'],
    ]);
    expect(options.map((o) => o.value.form.value[1]?.value)).toEqual(['email', 'sms']);
  });

  it('the sign-up form describes each field, and a refused one sends back what was typed', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const signUp = await post(idp, 'enroll', { stateHandle });
    const fields = () => field(signUp, 'enroll-profile', 'userProfile')?.form as { value: Field[] };
    expect(fields().value.map(({ name, required, maxLength, options }) => ({ name, required, maxLength, options: Array.isArray(options) ? options.length : undefined }))).toEqual([
      { name: 'firstName', required: true, maxLength: 50, options: undefined },
      { name: 'lastName', required: true, maxLength: 50, options: undefined },
      { name: 'email', required: true, maxLength: 100, options: undefined },
      { name: 'department', required: undefined, maxLength: undefined, options: 3 },
    ]);
    expect(fields().value.some((f) => 'value' in f || 'messages' in f || 'minLength' in f)).toBe(false);

    const refused = await post(idp, 'enroll/new', { userProfile: { firstName: 'Ada', lastName: '', email: 'ada@example.com' }, stateHandle });
    const sentBack = (field(refused, 'enroll-profile', 'userProfile')?.form as { value: Field[] }).value;
    expect(sentBack.map((f) => [f.name, f.value, Array.isArray((f.messages as { value?: unknown[] } | undefined)?.value)])).toEqual([
      ['firstName', 'Ada', false],
      ['lastName', undefined, true],
      ['email', 'ada@example.com', false],
      ['department', undefined, false],
    ]);
  });

  it('choosing what to enroll is required and relates to `authenticators`; choosing what to verify relates to the enrollments', async () => {
    const idp = await idpWith();
    const enroll = await post(idp, 'identify', { identifier: 'enroll-phone@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle });
    const toEnroll = field(enroll, 'select-authenticator-enroll', 'authenticator')!;
    expect([toEnroll.type, toEnroll.required, (toEnroll.options as Array<{ relatesTo: string }>).map((o) => o.relatesTo)]).toEqual(['object', true, ['$.authenticators.value[0]']]);

    const verify = await post(idp, 'identify', { identifier: 'choice-mfa@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle });
    const toVerify = field(verify, 'select-authenticator-authenticate', 'authenticator')!;
    expect([toVerify.type, 'required' in toVerify]).toEqual(['object', false]);
    // Each option points at the enrollment of the authenticator it names.
    const enrollments = (verify as { authenticatorEnrollments?: { value: Array<{ authenticatorId: string }> } }).authenticatorEnrollments?.value ?? [];
    const options = toVerify.options as Array<{ relatesTo: string; value: { form: { value: Field[] } } }>;
    const pointed = options.map((o) => {
      const index = Number(/^\$\.authenticatorEnrollments\.value\[(\d+)\]$/.exec(o.relatesTo)?.[1]);
      return [o.value.form.value[0]?.value, enrollments[index]?.authenticatorId];
    });
    expect(pointed.length).toBeGreaterThan(1);
    for (const [optionId, enrollmentId] of pointed) expect(enrollmentId).toBe(optionId);
  });

  it('the identify form is shaped as a real org sends it (captured idp_idx_introspect_default.json)', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const doc = (await post(idp, 'introspect', { stateHandle })) as Doc & { remediation: { type: string; value: Array<Record<string, unknown>> } };
    expect(doc.remediation.type).toBe('array');
    expect(doc.remediation.value[0]).toEqual({
      rel: ['create-form'],
      name: 'identify',
      href: `${idp.origin}/idp/idx/identify`,
      method: 'POST',
      produces: 'application/ion+json; okta-version=1.0.0',
      value: [
        { name: 'identifier', label: 'Username', required: true },
        { name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Password', secret: true }] }, required: true },
        { name: 'rememberMe', type: 'boolean', label: 'Remember this device' },
        { name: 'stateHandle', required: true, value: stateHandle, visible: false, mutable: false },
      ],
      accepts: 'application/json; okta-version=1.0.0',
    });
  });

  it('a terminal document keeps the transaction\'s handle and intent, with its messages as an array', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const doc = (await post(idp, 'identify', { identifier: 'suspended@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle })) as Record<string, unknown>;
    expect(doc).toEqual({
      version: '1.0.0',
      stateHandle,
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      intent: 'LOGIN',
      messages: { type: 'array', value: [{ message: 'You do not have permission to perform the requested action.', i18n: { key: 'security.access_denied' }, class: 'ERROR' }] },
    });
  });

  it('an unknown user\'s document describes the authorization request as a real org does (captured error-invalid-username)', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const doc = (await post(idp, 'identify', { identifier: 'nobody@example.com', credentials: { passcode: 'x' }, stateHandle })) as Record<string, { value: Record<string, unknown> }>;
    expect(doc.authentication?.value).toEqual({
      protocol: 'OAUTH2.0',
      issuer: { id: 'ausEmulatorDefault01', name: 'default', uri: idp.issuer },
      request: {
        max_age: -1,
        scope: 'openid profile email offline_access',
        response_type: 'code',
        redirect_uri: idp.redirectUri,
        state: 'st',
        code_challenge_method: 'S256',
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        response_mode: 'query',
      },
    });
    expect(doc.app).toEqual({ type: 'object', value: { name: 'oidc_client', label: 'Desktop App (emulator)', id: idp.clientId } });
  });

  it('the expiry warning gives the days left and a skip; an expired password neither', async () => {
    const idp = await idpWith();
    const current = (doc: Doc) => (doc as { currentAuthenticator?: { value: { settings?: Record<string, unknown> } } }).currentAuthenticator?.value.settings;
    const warn = await post(idp, 'identify', { identifier: 'warn@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle });
    expect(warn.remediation?.value.map((r) => r.name)).toEqual(['reenroll-authenticator-warning', 'skip']);
    expect(current(warn)?.daysToExpiry).toBe(4);
    expect(field(warn, 'reenroll-authenticator-warning', 'credentials')).toMatchObject({ form: { value: [{ name: 'passcode', label: 'New password', secret: true }] } });
    const expired = await post(idp, 'identify', { identifier: 'expired@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle });
    expect(expired.remediation?.value.map((r) => r.name)).toEqual(['reenroll-authenticator']);
    expect(current(expired)).not.toHaveProperty('daysToExpiry');
  });

  it('a signed-in document carries the token request (captured challenge_answer_default) and no step to take', async () => {
    const idp = await idpWith();
    const doc = (await post(idp, 'identify', { identifier: 'alice@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle })) as Doc & { successWithInteractionCode?: unknown };
    expect(doc.successWithInteractionCode).toEqual({
      rel: ['create-form'],
      name: 'issue',
      href: `${idp.issuer}/v1/token`,
      method: 'POST',
      value: [
        { name: 'grant_type', required: true, value: 'interaction_code' },
        { name: 'interaction_code', required: true, value: expect.any(String) },
        { name: 'client_id', required: true, value: idp.clientId },
        { name: 'code_verifier', required: true },
      ],
      accepts: 'application/x-www-form-urlencoded',
    });
    expect(doc.remediation).toBeUndefined();
  });

  it('identifier first, the identify form has no password, and names the password only where recovery is on', async () => {
    const withRecovery = await idpWith({ policy: 'identifier-first' });
    const on = await post(withRecovery, 'introspect', { stateHandle: (await startRaw(withRecovery)).stateHandle });
    expect(form(on, 'identify').map((f) => f.name)).toEqual(['identifier', 'rememberMe', 'stateHandle']);
    expect(on).toHaveProperty('currentAuthenticator');
    const without = await idpWith({ policy: 'identifier-first', recoveryAuthenticators: [] });
    const off = await post(without, 'introspect', { stateHandle: (await startRaw(without)).stateHandle });
    expect(off).not.toHaveProperty('currentAuthenticator');
    expect(off).not.toHaveProperty('user');
    // One page: the password is on the form, so it is always named.
    const onePage = await idpWith({ recoveryAuthenticators: [] });
    expect(await post(onePage, 'introspect', { stateHandle: (await startRaw(onePage)).stateHandle })).toHaveProperty('currentAuthenticator');
  });

  it('identifier first, the password step of a user with another factor offers that factor beside it', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const { stateHandle } = await startRaw(idp);
    const first = await post(idp, 'identify', { identifier: 'mfa@example.com', stateHandle });
    expect(first.remediation?.value.map((r) => r.name)).toEqual(['select-authenticator-authenticate']);
    const password = await post(idp, 'challenge', { authenticator: { id: 'autEmulatorPassword1' }, stateHandle });
    expect(password.remediation?.value.map((r) => r.name)).toEqual(['challenge-authenticator', 'select-authenticator-authenticate']);
    const targets = optionTargets(password, 'select-authenticator-authenticate');
    expect(targets.map(([id]) => id)).toEqual(['autEmulatorPassword1', 'autEmulatorEmail0001']);
    // The password's option names its method, as Okta's select forms do.
    const passwordOption = (field(password, 'select-authenticator-authenticate', 'authenticator')?.options as Array<{ value: { form: { value: Field[] } } }>)[0];
    expect(passwordOption?.value.form.value).toEqual([
      { name: 'id', required: true, value: 'autEmulatorPassword1', mutable: false },
      { name: 'methodType', required: false, value: 'password', mutable: false },
    ]);
    for (const [id, target] of targets) expect(target).toBe(id);
    const alice = await post(idp, 'identify', { identifier: 'alice@example.com', stateHandle: (await startRaw(idp)).stateHandle });
    expect(alice.remediation?.value.map((r) => r.name)).toEqual(['challenge-authenticator']);
  });

  it('recovery offers what can prove the person, the primary email among them, each pointing at its enrollment', async () => {
    const idp = await idpWith({ recoveryAuthenticators: ['okta_email', 'phone_number'] });
    const recovering = async () => {
      const { stateHandle } = await startRaw(idp);
      await post(idp, 'recover', { stateHandle });
      return stateHandle;
    };
    const choose = await post(idp, 'identify', { identifier: 'choice-mfa@example.com', stateHandle: await recovering() });
    const targets = optionTargets(choose, 'select-authenticator-authenticate');
    expect(targets.map(([id]) => id)).toEqual(['autEmulatorEmail0001', expect.stringMatching(/^autEmulatorPhone/)]);
    for (const [id, target] of targets) expect(target).toBe(id);
    const onlyEmail = await post(idp, 'identify', { identifier: 'locked@example.com', stateHandle: await recovering() });
    expect(optionTargets(onlyEmail, 'select-authenticator-authenticate')).toEqual([['autEmulatorEmail0001', 'autEmulatorEmail0001']]);
  });

  it('parts carry their type tags, the intent is LOGIN, the password form is labelled as Okta\'s', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const raw = async (path: string, body: Record<string, unknown>) => (await idxRequest(idp, path, body)).doc;
    const alice = await startRaw(idp);
    const password = await raw('identify', { identifier: 'alice@example.com', stateHandle: alice.stateHandle });
    expect(password.intent).toBe('LOGIN');
    const credentials = (password.remediation?.value.find((r) => r.name === 'challenge-authenticator')?.value ?? []).find((f) => f.name === 'credentials') as { form: { value: Field[] } } | undefined;
    expect(credentials?.form.value).toEqual([expect.objectContaining({ name: 'passcode', label: 'Password' })]);

    const choice = await startRaw(idp);
    const select = await raw('identify', { identifier: 'choice-mfa@example.com', stateHandle: choice.stateHandle });
    expect((select.authenticatorEnrollments as { type?: string }).type).toBe('array');

    const enroll = await startRaw(idp);
    await raw('identify', { identifier: 'enroll-totp@example.com', stateHandle: enroll.stateHandle });
    const enrollSelect = await raw('challenge/answer', { credentials: { passcode: DEMO_PASSWORD }, stateHandle: enroll.stateHandle });
    expect(enrollSelect.remediation?.value.map((r) => r.name)).toContain('select-authenticator-enroll');
    expect((enrollSelect.authenticators as { type?: string }).type).toBe('array');
    expect((enrollSelect.authenticatorEnrollments as { type?: string }).type).toBe('array');
  });
});
