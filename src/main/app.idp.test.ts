/**
 * End-to-end in Node: the real okta-auth-js over real HTTP against the local Okta emulator,
 * driven only through `AuthApp.invoke` like the renderer does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inEnglish } from './testing/in-english';
import { CHANNELS } from '../shared/contract';
import { createTestCipher } from './session/cipher';
import { VAULT_KEY } from './session/vault';
import { UNSUPPORTED_MESSAGE } from './auth/sign-in-flow';
import { credentials as signIn, DEMO_PASSWORD, startHarness, type AppHarness, type HarnessOptions } from './testing/idp-harness';

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(options: HarnessOptions = {}): Promise<AppHarness> {
  const h = await startHarness(options);
  open.push(h);
  return h;
}

/** A fetch that lets `edit` change the IDX document the org answers the identify step with. */
function rewritingIdentify(edit: (doc: Record<string, unknown>) => void): HarnessOptions['wrapFetch'] {
  return (inner) =>
    (async (url: string, init: RequestInit) => {
      const response = await inner(url, init);
      if (!String(url).endsWith('/idp/idx/identify')) return response;
      const doc = (await response.json()) as Record<string, unknown>;
      edit(doc);
      return new Response(JSON.stringify(doc), { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' } });
    }) as typeof fetch;
}

/** Nothing secret in any log line, invoke result (views and errors) or pushed view. */
function expectNoSecrets(h: AppHarness, secrets: ReadonlyArray<string | undefined>): void {
  const everything = JSON.stringify(h.results) + JSON.stringify(h.events) + JSON.stringify(h.log.entries);
  for (const secret of secrets) {
    if (secret) expect(everything).not.toContain(secret);
  }
}

describe('sign-in against the emulator', () => {
  it('signs alice in: profile shown, tokens encrypted at rest, no secret in any view or log', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    expect(view).toMatchObject({
      status: 'signed-in',
      storage: 'encrypted',
      profile: { email: 'alice@example.com', name: 'Alice Example', given_name: 'Alice' },
    });
    const tokens = await h.storedTokens();
    expect(tokens?.accessToken).toBeTruthy();
    expect(tokens?.refreshToken).toBeTruthy();
    expect(h.idp.isTokenActive(tokens!.accessToken)).toBe(true);
    const atRest = JSON.stringify(h.store.get(VAULT_KEY));
    for (const t of [tokens!.accessToken, tokens!.idToken, tokens!.refreshToken!]) expect(atRest).not.toContain(t);
    expectNoSecrets(h, [tokens!.accessToken, tokens!.idToken, tokens!.refreshToken, DEMO_PASSWORD]);
    expect(await h.view(CHANNELS.getState)).toEqual(view);
  });

  it('also works with an identifier-first policy', async () => {
    const h = await harness({ idp: { policy: 'identifier-first' } });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('restores a stored, still-valid session at startup; an unreadable one is discarded', async () => {
    const h = await harness();
    const signedIn = await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    const restored = await h.launch();
    expect(await restored.call(CHANNELS.getState)).toEqual({ ok: true, value: signedIn });
    expect(await restored.call(CHANNELS.refreshProfile)).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    await restored.app.dispose();
    // Another key (another machine or OS account) cannot read the entry: it is removed, not trusted.
    const foreign = await h.launch({ cipher: createTestCipher() });
    expect(await foreign.call(CHANNELS.getState)).toMatchObject({ ok: true, value: { status: 'signed-out', messages: [{ level: 'info' }] } });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('renews a stored session whose access token is within the clock-skew margin of expiry', async () => {
    // 30 s tokens are inside the 60 s margin, so the next launch renews (session/lifecycle.idp.test.ts has the rest).
    const h = await harness({ idp: { accessTokenTtlSeconds: 30 } });
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    const before = (await h.storedTokens())!;
    const later = await h.launch();
    expect(await later.call(CHANNELS.getState)).toMatchObject({ ok: true, value: { status: 'signed-in', messages: [] } });
    expect((await h.storedTokens())!.refreshToken).not.toBe(before.refreshToken);
  });

  it('a wrong password is the sign-in form again with the org\'s message on the password, and then signs in', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('alice@example.com', 'wrong-password'));
    // Not the org's identify step (with its "Remember this device" and Cancel): the form the person is on.
    expect(view).toEqual({ status: 'signed-out', messages: [{ level: 'error', text: 'Authentication failed', field: 'password' }] });
    expectNoSecrets(h, ['wrong-password']);
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('an unknown user is the sign-in form again, the org\'s warning an error on the username', async () => {
    const h = await harness();
    expect(await h.view(CHANNELS.signIn, signIn('nobody@example.com'))).toEqual({
      status: 'signed-out',
      messages: [{ level: 'error', text: 'There is no account with the Username nobody@example.com.', field: 'username' }],
    });
  });

  it('identifier-first: a wrong password keeps the password step, the org\'s message on its password field', async () => {
    const h = await harness({ idp: { policy: 'identifier-first' } });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com', 'wrong-password'))).toMatchObject({
      status: 'pending',
      step: { name: 'challenge-authenticator', authenticator: { key: 'okta_password' } },
      messages: [{ level: 'error', text: 'Password is incorrect', field: 'password' }],
    });
  });

  it.each(['locked@example.com', 'suspended@example.com'])('shows %s a terminal message; a fresh try works after cancel', async (user) => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn(user));
    expect(view.status).toBe('terminal');
    expect(view.status === 'terminal' && view.messages[0]?.text).toBeTruthy();
    // Why, so the window can say what happened and what to do.
    expect(view.status === 'terminal' && view.reason).toBe(user.startsWith('locked') ? 'locked-out' : 'access-denied');
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it("shows a suspended user the org's own words on the terminal screen, not the fallback", async () => {
    const h = await harness();
    expect(await h.view(CHANNELS.signIn, signIn('suspended@example.com'))).toEqual({
      status: 'terminal',
      reason: 'access-denied',
      messages: [{ level: 'error', text: 'You do not have permission to perform the requested action.' }],
    });
    // The ended transaction is forgotten at once: there is nothing left to cancel at the org.
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(0);
  });

  it('a refused password on the one-page form leaves no transaction to cancel at the org', async () => {
    const h = await harness();
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com', 'wrong-password'))).toMatchObject({ status: 'signed-out' });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(0);
  });

  it('an org that asks for the identify step again without a word shows that step, not the sign-in form', async () => {
    const h = await harness({ wrapFetch: rewritingIdentify((doc) => void delete doc['messages']) });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com', 'wrong-password'))).toMatchObject({ status: 'pending', step: { name: 'identify' }, messages: [] });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(1);
  });

  it('refuses to skip, send again or choose another way on a step that offers none of them, and keeps the step', async () => {
    const h = await harness();
    const pending = await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    expect(await h.app.invoke(CHANNELS.skip, undefined)).toEqual({ ok: false, error: { code: 'wrong-state', message: 'This step cannot be skipped.' } });
    expect(await h.app.invoke(CHANNELS.resend, undefined)).toEqual({ ok: false, error: { code: 'wrong-state', message: 'A code cannot be sent again for this step.' } });
    expect(await h.app.invoke(CHANNELS.chooseAnother, undefined)).toEqual({ ok: false, error: { code: 'wrong-state', message: 'There is no other way to verify for this step.' } });
    expect(await h.view(CHANNELS.getState)).toEqual(pending);
  });

  it('cancel on the sign-in form, with no transaction, asks nothing of the org', async () => {
    const h = await harness();
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(0);
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.cancel-failed')).toEqual([]);
  });

  it('a cancel the org cannot be told of still signs out, says why in the log, and leaves nothing to cancel', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    h.idp.faults.set('cancel', { kind: 'drop', times: 1 });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.cancel-failed')).toEqual([
      { level: 'warn', event: 'sign-in.cancel-failed', fields: { error: expect.any(String) } },
    ]);
    const sent = h.idp.counts().cancel;
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(sent);
  });

  it('a step the app cannot complete is the unsupported view, logged with the step the org asked for', async () => {
    const h = await harness();
    expect(inEnglish(await h.view(CHANNELS.signIn, signIn('webauthn-only@example.com', 'Password123!')))).toEqual(inEnglish({ status: 'unsupported', messages: [UNSUPPORTED_MESSAGE] }));
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.unsupported-step')).toEqual([
      { level: 'info', event: 'sign-in.unsupported-step', fields: { step: 'select-authenticator-authenticate' } },
    ]);
  });

  it('an org that ends the sign-in without a word gets the fallback terminal message', async () => {
    const h = await harness({ wrapFetch: rewritingIdentify((doc) => void delete doc['messages']) });
    expect(inEnglish(await h.view(CHANNELS.signIn, signIn('suspended@example.com')))).toEqual({
      status: 'terminal',
      messages: [{ level: 'error', text: 'Sign-in cannot continue. Start again or contact your administrator.' }],
    });
  });

  it('an ending with an error beside information is the terminal screen with both, not the sign-in form', async () => {
    const info = { message: 'Your administrator was told.', i18n: { key: 'x.told' }, class: 'INFO' };
    const h = await harness({ wrapFetch: rewritingIdentify((doc) => void (doc['messages'] as { value: unknown[] }).value.unshift(info)) });
    expect(await h.view(CHANNELS.signIn, signIn('suspended@example.com'))).toEqual({
      status: 'terminal',
      reason: 'access-denied',
      messages: [
        { level: 'info', text: 'Your administrator was told.' },
        { level: 'error', text: 'You do not have permission to perform the requested action.' },
      ],
    });
  });

  it('makes an expired password be changed: weak rejected with a message, strong accepted', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    expect(view).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator', canSkip: false } });
    if (view.status !== 'pending') return;
    expect(view.step.inputs).toEqual([expect.objectContaining({ name: 'newPassword', type: 'password', secret: true, autocomplete: 'new-password' })]);
    const weak = await h.view(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'abc' } });
    expect(weak).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator' } });
    expect(weak.status === 'pending' && weak.messages.some((m) => m.level === 'error')).toBe(true);
    const strong = await h.view(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd!' } });
    expect(inEnglish(strong)).toMatchObject({ status: 'signed-in', profile: { email: 'expired@example.com' }, messages: [{ level: 'info', text: 'Your password has been changed.' }] });
    expectNoSecrets(h, ['Brand-New-Passw0rd!']);
  });

  it('lets a user skip the password-expiry warning', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('warn@example.com'));
    expect(view).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator-warning', canSkip: true } });
    // Skipped: nothing was changed, so nothing says so.
    expect(await h.view(CHANNELS.skip)).toMatchObject({ status: 'signed-in', profile: { email: 'warn@example.com' }, messages: [] });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.result').map((entry) => entry.fields['action'])).toEqual(['sign-in', 'skip']);
  });

  it('says the password was changed after the expiry warning’s new password, with the days left shown on the step', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('warn@example.com'));
    expect(inEnglish(view)).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator-warning', daysToExpiry: 4, passwordRules: expect.arrayContaining(['At least 8 characters']) } });
    const changed = await h.view(CHANNELS.proceed, { step: 'reenroll-authenticator-warning', values: { newPassword: 'Brand-New-Passw0rd!' } });
    expect(inEnglish(changed)).toMatchObject({ status: 'signed-in', messages: [{ level: 'info', text: 'Your password has been changed.' }] });
  });

  it('asks a user whose org wants a second factor to choose it, and cancels back to signed-out', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('mfa@example.com'));
    expect(view).toMatchObject({ status: 'pending', step: { name: 'select-authenticator-authenticate', kind: 'choice' } });
    expect(view.status === 'pending' && view.step.inputs[0]?.options).toEqual([{ label: 'Email', value: 'okta_email' }]);
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(1);
  });

  it('cancels mid-flow and rejects a stale proceed', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    expect(await h.call(CHANNELS.proceed, { step: 'identify', values: { username: 'x', password: 'y' } })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(await h.call(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd!' } })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
  });
});

describe('failures', () => {
  it('reports an unreachable IdP as a network failure, and a retry works once it answers again', async () => {
    const h = await harness();
    h.idp.faults.set('interact', { kind: 'drop', times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'network' });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('reports a closed IdP as a network failure', async () => {
    const h = await harness();
    await h.idp.close();
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'network' });
  });

  it('reports 429 as rate-limited with Retry-After', async () => {
    const h = await harness();
    h.idp.faults.set('identify', { kind: 'rate-limit', retryAfterSeconds: 12, times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'rate-limited', retryAfterSeconds: 12 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('rejects an id_token with a bad signature', async () => {
    const h = await harness();
    h.idp.faults.set('token', { kind: 'bad-id-token', variant: 'signature', times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'invalid-token' });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('reports a malformed IdP answer as idp-error', async () => {
    const h = await harness();
    h.idp.faults.set('introspect', { kind: 'malformed', times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'idp-error' });
  });
});

describe('session', () => {
  it('signs out: tokens revoked at the IdP, vault wiped', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    const tokens = (await h.storedTokens())!;
    expect(await h.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.isTokenActive(tokens.accessToken)).toBe(false);
    expect(h.idp.isTokenActive(tokens.refreshToken!)).toBe(false);
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('signs out locally even when the IdP is down, and says revocation failed', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    await h.idp.close();
    const view = await h.view(CHANNELS.signOut);
    expect(view.status).toBe('signed-out');
    expect(view.status === 'signed-out' && view.messages[0]?.level).toBe('warning');
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('refreshes the profile when signed in', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    h.idp.resetCounts();
    expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' }, messages: [] });
    expect(h.idp.counts().userinfo).toBe(1);
  });

  it('keeps memory-only sessions off disk and says so', async () => {
    const h = await harness({ encryption: false });
    expect(await h.call(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({
      ok: true,
      value: { status: 'signed-in', storage: 'memory-only', messages: [{ level: 'warning' }] },
    });
    expect(h.store.entries.size).toBe(0);
  });
});

describe('request handling', () => {
  it('rejects bad payloads without changing state', async () => {
    const h = await harness();
    const before = await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    for (const [channel, payload] of [
      [CHANNELS.signIn, { username: 'alice@example.com' }],
      [CHANNELS.signIn, { username: 'alice\n@example.com', password: 'x' }],
      [CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'x'.repeat(600) } }],
      [CHANNELS.proceed, { step: 'reenroll-authenticator', values: { somethingElse: 'x' } }],
      [CHANNELS.cancel, { now: true }],
      ['auth:unknown', undefined],
    ] as const) {
      expect(await h.call(channel, payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(await h.view(CHANNELS.getState)).toEqual(before);
  });

  it('answers a double submit with one busy and runs only one transaction', async () => {
    const h = await harness();
    h.idp.resetCounts();
    const [first, second] = await Promise.all([
      h.call(CHANNELS.signIn, signIn('alice@example.com')),
      h.call(CHANNELS.signIn, signIn('alice@example.com')),
    ]);
    expect(first).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(h.idp.counts().interact).toBe(1);
  });
});
