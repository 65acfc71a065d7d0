// Parts of the documents state.ts renders that no other test reads field by field, each against
// what a real org sends (captured/*.json, widget-playground/*.json): the password's
// `currentAuthenticator` on identify, what a verify step lists, the unlock form's authenticator,
// a sign-up field's bounds and what a refused form sends back, the select form beside an
// enrolment, the identity provider's redirect, the expiry warning beside a refusal.
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { afterPassword, idxRequest, startRaw, type IdxDocument } from './raw-flow';

const start = idpPerTest();

type Form = { name: string; href?: string; method?: string; value: Array<Record<string, unknown>>; [key: string]: unknown };
const remediation = (doc: IdxDocument, name: string) => doc.remediation?.value.find((r) => r.name === name) as Form | undefined;

describe('what state.ts renders', () => {
  it('identify: the password as the current authenticator, with "Forgot password?" and no settings (captured/idp_idx_introspect_default.json)', async () => {
    const idp = await start({ api: false });
    const { stateHandle } = await startRaw(idp);
    const { doc } = await idxRequest(idp, 'introspect', { stateHandle });
    const current = (doc.currentAuthenticator as { value: Record<string, unknown> }).value;
    expect(Object.keys(current).sort()).toStrictEqual(['displayName', 'id', 'key', 'methods', 'recover', 'type']);
    expect(current.recover).toMatchObject({ rel: ['create-form'], name: 'recover', href: `${idp.origin}/idp/idx/recover`, method: 'POST' });
    expect((current.recover as Form).value.map((f) => f.name)).toStrictEqual(['stateHandle']);
  });

  it('a verify step lists the enrolled authenticators only, not `authenticators` (captured/idp_idx_identify_authenticator-verification-password.json)', async () => {
    const idp = await start({ api: false });
    const { first } = await afterPassword(idp, 'mfa@example.com');
    expect(remediation(first.doc, 'select-authenticator-authenticate')).toBeDefined();
    expect(first.doc).toHaveProperty('authenticatorEnrollments');
    expect(first.doc).not.toHaveProperty('authenticators');

    const identifierFirst = await start({ api: false, policy: 'identifier-first' });
    const { stateHandle } = await startRaw(identifierFirst);
    const identified = await idxRequest(identifierFirst, 'identify', { stateHandle, identifier: 'choice-mfa@example.com' });
    expect(remediation(identified.doc, 'select-authenticator-authenticate')).toBeDefined();
    expect(identified.doc).not.toHaveProperty('authenticators');
  });

  it('unlock: the authenticator field is an object, as in widget-playground/user-unlock-account.json', async () => {
    const idp = await start({ api: false });
    const { stateHandle } = await startRaw(idp);
    const { doc } = await idxRequest(idp, 'unlock-account', { stateHandle });
    const field = remediation(doc, 'select-authenticator-unlock-account')?.value.find((f) => f.name === 'authenticator');
    expect(field).toMatchObject({ name: 'authenticator', type: 'object' });
  });

  it('sign-up: a field’s length bounds as the org set them; a refused form sends back what was typed, not the blanks', async () => {
    const idp = await start({
      api: false,
      registration: {
        fields: [
          { name: 'email', type: 'string', label: 'Email', required: true },
          { name: 'nickname', type: 'string', label: 'Nickname', minLength: 2, maxLength: 10 },
          { name: 'city', type: 'string', label: 'City' },
        ],
      },
    });
    const { stateHandle } = await startRaw(idp);
    const form = await idxRequest(idp, 'enroll', { stateHandle });
    const fields = (remediation(form.doc, 'enroll-profile')?.value.find((f) => f.name === 'userProfile') as { form: { value: Array<Record<string, unknown>> } }).form.value;
    expect(fields.find((f) => f.name === 'nickname')).toMatchObject({ minLength: 2, maxLength: 10 });
    expect(fields.find((f) => f.name === 'city')).not.toHaveProperty('minLength');
    expect(fields.find((f) => f.name === 'city')).not.toHaveProperty('maxLength');

    const refused = await idxRequest(idp, 'enroll/new', { stateHandle, userProfile: { email: 'not-an-email', nickname: 'x', city: '' } });
    const sentBack = (remediation(refused.doc, 'enroll-profile')?.value.find((f) => f.name === 'userProfile') as { form: { value: Array<Record<string, unknown>> } }).form.value;
    expect(sentBack.find((f) => f.name === 'email')).toMatchObject({ value: 'not-an-email' });
    expect(sentBack.find((f) => f.name === 'city')).not.toHaveProperty('value');
  });

  it('an enrolment step offers the same authenticators to enrol beside it as the list it was chosen from, not those to verify', async () => {
    const idp = await start({ api: false });
    const { first, post } = await afterPassword(idp, 'optional-enroll@example.com');
    type Options = Array<{ label: string; value: { form: { value: Array<{ name: string; value?: unknown }> } } }>;
    const optionsOf = (doc: IdxDocument) => (remediation(doc, 'select-authenticator-enroll')?.value.find((f) => f.name === 'authenticator') as { options: Options } | undefined)?.options;
    const offered = optionsOf(first.doc)!;
    expect(offered.length).toBeGreaterThan(1);
    const id = offered[0]!.value.form.value.find((f) => f.name === 'id')!.value;
    const enrolling = await post('credential/enroll', { authenticator: { id } });
    expect(remediation(enrolling.doc, 'select-authenticator-authenticate')).toBeUndefined();
    expect(optionsOf(enrolling.doc)?.map((o) => o.label)).toStrictEqual(offered.map((o) => o.label));
  });

  it('an identity provider is a GET redirect with the state token (widget-playground/identify-with-third-party-idps.json)', async () => {
    const idp = await start({ api: false, identityProvider: true });
    const { stateHandle } = await startRaw(idp);
    const { doc } = await idxRequest(idp, 'introspect', { stateHandle });
    const redirect = remediation(doc, 'redirect-idp');
    expect(redirect).toMatchObject({ name: 'redirect-idp', method: 'GET', idp: { id: '0oaEmulatorPartner01' } });
    expect(redirect?.href).toBe(`${idp.origin}/sso/idps/0oaEmulatorPartner01?stateToken=${encodeURIComponent(stateHandle)}`);
  });

  it('the expiry warning stands alone: a refusal at that step is said instead of it', async () => {
    const idp = await start({ api: false });
    const { first, post } = await afterPassword(idp, 'warn@example.com');
    expect(first.keys).toStrictEqual(['idx.password.expiring.message']);
    const wrongStep = await post('challenge', { authenticator: { id: 'autEmulatorPassword1' } });
    expect(wrongStep.status).toBe(400);
    expect(wrongStep.keys).toStrictEqual(['idx.action.unavailable']);
    expect(wrongStep.remediations).toStrictEqual(['reenroll-authenticator-warning', 'skip']);
  });
});
