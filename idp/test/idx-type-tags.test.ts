// Okta wraps every list and object of an IDX document as `{ type, value }`, with `type` saying which
// ("array" for `remediation`, `authenticators`, `authenticatorEnrollments`, an object for `user`,
// `currentAuthenticator`, `app`...: captured/*.json). Neither okta-auth-js nor the widget is
// thrown by a wrong tag, so nothing else would notice one: this walks the documents of every step
// the emulator renders and checks each wrapper's tag against what it wraps.
import { describe, expect, it } from 'vitest';
import type { RunningIdp } from '../index';
import { idpPerTest } from './idp-per-test';
import { afterPassword, idxRequest, startRaw, type IdxDocument } from './raw-flow';

const start = idpPerTest();

/** Every `{ type, value }` wrapper in a document (objects with exactly those two keys), with where it is. */
function wrappers(value: unknown, path = '$'): Array<{ path: string; type: unknown; value: unknown }> {
  if (!value || typeof value !== 'object') return [];
  const own = Array.isArray(value) ? [] : Object.keys(value).sort().join() === 'type,value' ? [{ path, ...(value as { type: unknown; value: unknown }) }] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [...own, ...entries.flatMap(([key, v]) => wrappers(v, `${path}.${key}`))];
}

function expectTagsTrue(doc: unknown, step: string): number {
  const found = wrappers(doc);
  for (const { path, type, value } of found) {
    expect(type, `${step}: ${path}`).toBe(Array.isArray(value) ? 'array' : 'object');
  }
  return found.length;
}

/** The first option of a select-authenticator form, posted where the form says. */
async function chooseFirst(idp: RunningIdp, doc: IdxDocument, stateHandle: string) {
  const select = doc.remediation?.value.find((r) => r.name.startsWith('select-authenticator'));
  if (!select) return undefined;
  const option = (select.value.find((f) => f.name === 'authenticator') as { options?: Array<{ value: { form: { value: Array<{ name: string; value?: unknown }> } } }> })?.options?.[0];
  const id = option?.value.form.value.find((f) => f.name === 'id')?.value;
  return (await idxRequest(idp, 'challenge', { stateHandle, authenticator: { id } })).doc;
}

describe('IDX type tags', () => {
  it('are true to what they wrap at every step of the sign-in, the factors, and their enrolment', async () => {
    const idp = await start({ api: false });
    let seen = 0;
    const { stateHandle } = await startRaw(idp);
    seen += expectTagsTrue((await idxRequest(idp, 'introspect', { stateHandle })).doc, 'identify');
    for (const login of ['mfa@example.com', 'choice-mfa@example.com', 'email-mfa@example.com', 'push-number@example.com', 'question-mfa@example.com', 'enroll-phone@example.com', 'enroll-totp@example.com', 'enroll-question@example.com', 'enroll-ov@example.com', 'optional-enroll@example.com', 'expired@example.com', 'warn@example.com', 'locked@example.com', 'alice@example.com']) {
      const { first, post } = await afterPassword(idp, login);
      seen += expectTagsTrue(first.doc, login);
      const sh = (first.doc as { stateHandle?: string }).stateHandle;
      if (sh) {
        const chosen = await chooseFirst(idp, first.doc, sh);
        if (chosen) seen += expectTagsTrue(chosen, `${login}, first authenticator`);
      }
      await post('cancel');
    }
    expect(seen).toBeGreaterThan(60);
  });

  it('are true on the password step of an identifier-first org, and on recovery, unlock and sign-up', async () => {
    const idp = await start({ api: false, policy: 'identifier-first' });
    let seen = 0;
    const { stateHandle } = await startRaw(idp);
    const identified = await idxRequest(idp, 'identify', { stateHandle, identifier: 'choice-mfa@example.com' });
    seen += expectTagsTrue(identified.doc, 'password step');
    seen += expectTagsTrue((await idxRequest(idp, 'identify', { stateHandle, identifier: 'nobody@example.com' })).doc, 'unknown user');

    const recovery = await startRaw(idp);
    const recover = await idxRequest(idp, 'recover', { stateHandle: recovery.stateHandle });
    seen += expectTagsTrue(recover.doc, 'identify-recovery');
    const who = await idxRequest(idp, 'identify', { stateHandle: recovery.stateHandle, identifier: 'mfa@example.com' });
    seen += expectTagsTrue(who.doc, 'recovery choices');
    const chosen = await chooseFirst(idp, who.doc, recovery.stateHandle);
    if (chosen) seen += expectTagsTrue(chosen, 'recovery factor');

    const unlock = await startRaw(idp);
    seen += expectTagsTrue((await idxRequest(idp, 'unlock-account', { stateHandle: unlock.stateHandle })).doc, 'select-unlock');

    const signUp = await startRaw(idp);
    seen += expectTagsTrue((await idxRequest(idp, 'enroll', { stateHandle: signUp.stateHandle })).doc, 'enroll-profile');
    seen += expectTagsTrue((await idxRequest(idp, 'enroll/new', { stateHandle: signUp.stateHandle, userProfile: { email: 'x' } })).doc, 'enroll-profile refused');
    expect(seen).toBeGreaterThan(20);
  });
});
