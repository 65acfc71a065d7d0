/** Fault injection: each kind is observable over HTTP, `times` clears itself, the admin API toggles faults. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { FaultRegistry } from '../admin/faults';
import { DEMO_PASSWORD, IDP_ENDPOINTS, startIdp, type RunningIdp } from '../index';
import { createSdk } from './sdk-client';
import { idxPost, startRaw, stillServing } from './raw-flow';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});
afterEach(async () => {
  idp.faults.clear();
  expect(await stillServing(idp)).toBe(true);
});

const wellKnown = () => fetch(`${idp.issuer}/.well-known/openid-configuration`);

describe('fault kinds', () => {
  it('latency waits its ms on the emulator\'s timer, then answers', async () => {
    vi.useFakeTimers();
    try {
      const faults = new FaultRegistry();
      let done = false;
      const wait = faults.delay(300).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(299);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await wait;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a latency fault holds the request until release() (or its ms), once with times: 1', async () => {
    idp.faults.set('well-known', { kind: 'latency', ms: 120_000, times: 1 });
    const seen = idp.counts()['well-known'];
    let answered = false;
    const held = wellKnown().then((res) => {
      answered = true;
      return res;
    });
    // Released once the emulator holds it; two minutes is far past the test's timeout.
    while (idp.counts()['well-known'] === seen) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(idp.faults.list()).toEqual({});
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    idp.faults.release();
    expect((await held).status).toBe(200);
    // Used up: the next request is answered without a release, as is one whose short latency ends by itself.
    expect((await wellKnown()).status).toBe(200);
    idp.faults.set('well-known', { kind: 'latency', ms: 1, times: 1 });
    expect((await wellKnown()).status).toBe(200);
  });

  it('holding() resolves once a latency fault holds a request, and at once while one does', async () => {
    idp.faults.set('well-known', { kind: 'latency', ms: 120_000, times: 1 });
    let holding = false;
    const watched = idp.faults.holding().then(() => (holding = true));
    await Promise.resolve();
    expect(holding).toBe(false);
    const held = wellKnown();
    await watched;
    expect(holding).toBe(true);
    await idp.faults.holding();
    idp.faults.release();
    expect((await held).status).toBe(200);
  });

  it('status answers that status with an endpoint-shaped body until cleared', async () => {
    idp.faults.set('token', { kind: 'status', status: 503 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${idp.issuer}/v1/token`, { method: 'POST' });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'server_error' });
    }
    idp.faults.set('introspect', { kind: 'status', status: 500 });
    const idx = await fetch(`${idp.origin}/idp/idx/introspect`, idxPost({ interactionHandle: 'x' }));
    expect(idx.status).toBe(500);
    expect(await idx.json()).toMatchObject({ version: '1.0.0' });
    idp.faults.clear('token');
    expect((await fetch(`${idp.issuer}/v1/token`, { method: 'POST' })).status).toBe(415);
    expect(Object.keys(idp.faults.list())).toEqual(['introspect']);
  });

  it('rate-limit answers 429 with Retry-After', async () => {
    idp.faults.set('identify', { kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
    const tx = await startRaw(idp);
    const res = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({ stateHandle: tx.stateHandle, identifier: 'alice@example.com' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(await res.json()).toMatchObject({ messages: { value: [{ i18n: { key: 'tooManyRequests' } }] } });
    expect(idp.faults.list()).toEqual({});
  });

  it('malformed answers truncated JSON with a JSON content type', async () => {
    idp.faults.set('well-known', { kind: 'malformed', times: 1 });
    const res = await wellKnown();
    expect(res.headers.get('content-type')).toBe('application/json');
    await expect(res.json()).rejects.toThrow();
  });

  it('drop destroys the connection', async () => {
    idp.faults.set('keys', { kind: 'drop', times: 2 });
    await expect(fetch(`${idp.issuer}/v1/keys`)).rejects.toThrow();
    await expect(fetch(`${idp.issuer}/v1/keys`)).rejects.toThrow();
    expect((await fetch(`${idp.issuer}/v1/keys`)).status).toBe(200);
    expect(idp.counts().keys).toBeGreaterThanOrEqual(3);
  });

  it('wrong-content-type answers an HTML page', async () => {
    idp.faults.set('well-known', { kind: 'wrong-content-type', times: 1 });
    const res = await wellKnown();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<html>');
  });

  it('rejects invalid faults with a clear error', () => {
    expect(() => idp.faults.set('keys', { kind: 'bad-id-token', variant: 'issuer' })).toThrow(/only to the token endpoint/);
    expect(() => idp.faults.set('keys', { kind: 'status', status: 200 })).toThrow(/Invalid fault/);
    expect(() => idp.faults.set('nope' as 'keys', { kind: 'drop' })).toThrow(/Unknown endpoint/);
  });
});

describe('bad id_token variants make the real SDK refuse the tokens', () => {
  it.each(['signature', 'issuer', 'audience', 'expired'] as const)('%s', async (variant) => {
    idp.faults.set('token', { kind: 'bad-id-token', variant, times: 1 });
    const sdk = createSdk(idp, { legacy: true });
    await expect(sdk.idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD })).rejects.toThrow(
      { signature: /signature/i, issuer: /issuer/i, audience: /audience/i, expired: /expired/i }[variant],
    );
    const next = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(next.status).toBe(IdxStatus.SUCCESS);
  });
});

describe('bad-id-token variants the SDK lets through (the app must refuse them)', () => {
  const nonce = 'nonce-sent-to-interact-0123456789';
  type Claims = Record<string, unknown>;
  it.each([
    ['nonce-mismatch', (c: Claims) => expect(c).toMatchObject({ nonce: expect.not.stringMatching(`^${nonce}$`), aud: idp.clientId })],
    ['nonce-missing', (c: Claims) => expect([c.aud, 'nonce' in c]).toEqual([idp.clientId, false])],
    ['audience-multiple', (c: Claims) => expect([c.nonce, c.aud, 'azp' in c]).toEqual([nonce, [idp.clientId, 'some-other-client'], false])],
    ['azp-other', (c: Claims) => expect(c).toMatchObject({ nonce, aud: [idp.clientId, 'some-other-client'], azp: 'some-other-client' })],
  ] as const)('%s', async (variant, check) => {
    idp.faults.set('token', { kind: 'bad-id-token', variant, times: 1 });
    const result = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD, nonce });
    expect(result.status).toBe(IdxStatus.SUCCESS);
    check(result.tokens!.idToken!.claims as Record<string, unknown>);
    // Without the fault the id_token carries the nonce the client sent, for one audience.
    const next = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD, nonce });
    expect(next.tokens!.idToken!.claims).toMatchObject({ nonce, aud: idp.clientId });
  });
});

describe('admin endpoint', () => {
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${idp.origin}/__admin/${path}`, { ...init, headers: { authorization: `Bearer ${idp.adminToken}`, ...(init.headers as Record<string, string>) } });

  it('sets, lists and clears faults', async () => {
    const put = await admin('faults/userinfo', { method: 'PUT', body: JSON.stringify({ kind: 'status', status: 502, times: 3 }) });
    expect(put.status).toBe(200);
    expect(await (await admin('faults')).json()).toEqual({ userinfo: { kind: 'status', status: 502, times: 3, remaining: 3 } });
    expect((await fetch(`${idp.issuer}/v1/userinfo`)).status).toBe(502);
    expect(idp.faults.list()).toMatchObject({ userinfo: { remaining: 2 } });
    expect((await admin('faults/userinfo', { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${idp.issuer}/v1/userinfo`)).status).toBe(401);
    await admin('faults/keys', { method: 'PUT', body: '{"kind":"drop"}' });
    await admin('faults', { method: 'DELETE' });
    expect(idp.faults.list()).toEqual({});
  });

  it('rejects bad fault bodies and unknown endpoints', async () => {
    expect((await admin('faults/token', { method: 'PUT', body: '{nope' })).status).toBe(400);
    const bad = await admin('faults/token', { method: 'PUT', body: '{"kind":"latency"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/ms/);
    expect((await admin('faults/nope', { method: 'PUT', body: '{"kind":"drop"}' })).status).toBe(404);
    expect((await admin('faults', { method: 'POST' })).status).toBe(405);
  });

  it('refuses pages from other sites, which could otherwise send a simple POST', async () => {
    const fromSite = { method: 'POST', headers: { origin: 'https://attacker.example' } };
    expect((await admin('counts/reset', fromSite)).status).toBe(403);
    expect((await admin('faults/token', { ...fromSite, method: 'PUT', body: '{"kind":"drop"}' })).status).toBe(403);
    expect(idp.faults.list()).toEqual({});
    expect((await admin('counts/reset', { method: 'POST', headers: { origin: 'http://localhost:5173' } })).status).toBe(200);
  });

  it('reads and resets counts', async () => {
    await admin('counts/reset', { method: 'POST' });
    await wellKnown();
    await wellKnown();
    const counts = (await (await admin('counts')).json()) as Record<string, number>;
    expect(counts['well-known']).toBe(2);
    expect(counts.token).toBe(0);
    expect(Object.keys(counts).sort()).toEqual([...IDP_ENDPOINTS].sort());
    idp.resetCounts();
    expect(idp.counts()['well-known']).toBe(0);
  });
});
