// startIdp's options: what it refuses (with words naming the option and its bound), the defaults
// it fills in and can be seen from outside, and what close() and a taken port do.
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  DEFAULT_BROWSER_REDIRECT_URIS,
  DEFAULT_CLIENT_ID,
  DEFAULT_REDIRECT_URI,
  DEMO_PASSWORD,
  startIdp,
  type IdpOptions,
} from '../index';
import { idpPerTest } from './idp-per-test';
import { idxPost, rawTokens, startRaw, stillServing } from './raw-flow';

const start = idpPerTest();

describe('refused options', () => {
  it('a port outside 0-65535 or not an integer', async () => {
    for (const port of [-1, 65536, 1.5, Number.NaN]) {
      await expect(startIdp({ port }), String(port)).rejects.toThrow(`startIdp: port must be 0-65535 (got ${String(port)})`);
    }
  });

  it('takes port 65535 (or finds it taken, but never refuses the number)', async () => {
    const outcome = await startIdp({ port: 65535, api: false }).then(
      async (idp) => {
        await idp.close();
        return 'listened';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/^listened$|EADDRINUSE/);
  });

  it('an unknown policy, an empty client id or redirect URI', async () => {
    await expect(startIdp({ policy: 'two-page' as IdpOptions['policy'] })).rejects.toThrow('startIdp: unknown policy two-page');
    await expect(startIdp({ clientId: '' })).rejects.toThrow('startIdp: clientId and redirectUri must not be empty');
    await expect(startIdp({ redirectUri: '' })).rejects.toThrow('startIdp: clientId and redirectUri must not be empty');
  });

  it('each count or time below its least value, or not an integer, named with its bound', async () => {
    const belowOne: Array<keyof IdpOptions> = [
      'lockoutThreshold',
      'accessTokenTtlSeconds',
      'idTokenTtlSeconds',
      'refreshTokenTtlSeconds',
      'transactionTtlSeconds',
      'interactionCodeTtlSeconds',
      'passcodeTtlSeconds',
    ];
    for (const name of belowOne) {
      await expect(startIdp({ [name]: 0 }), name).rejects.toThrow(`startIdp: ${name} must be an integer >= 1 (got 0)`);
      await expect(startIdp({ [name]: 2.5 }), name).rejects.toThrow(`startIdp: ${name} must be an integer >= 1 (got 2.5)`);
    }
    await expect(startIdp({ sweepIntervalMs: 9 })).rejects.toThrow('startIdp: sweepIntervalMs must be an integer >= 10 (got 9)');
    await expect(startIdp({ pollRefreshMs: 99 })).rejects.toThrow('startIdp: pollRefreshMs must be an integer >= 100 (got 99)');
    await expect(startIdp({ resendCooldownSeconds: -1 })).rejects.toThrow('startIdp: resendCooldownSeconds must be an integer >= 0 (got -1)');
  });

  it('takes each at its least value', async () => {
    const idp = await start({ sweepIntervalMs: 10, pollRefreshMs: 100, resendCooldownSeconds: 0, lockoutThreshold: 1, accessTokenTtlSeconds: 1, api: false });
    expect(await stillServing(idp)).toBe(true);
  });

  it('a port that is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      await expect(startIdp({ port, api: false })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      holder.close();
    }
  });
});

describe('defaults', () => {
  it('the demo client, redirect URIs and users (whose password it tells), no identity provider, the demo API', async () => {
    const idp = await start();
    expect(idp.clientId).toBe(DEFAULT_CLIENT_ID);
    expect(idp.redirectUri).toBe(DEFAULT_REDIRECT_URI);
    expect(idp.browserRedirectUris).toStrictEqual(DEFAULT_BROWSER_REDIRECT_URIS);
    expect(idp.identityProviders).toStrictEqual([]);
    expect(idp.demoPassword).toBe(DEMO_PASSWORD);
    expect(idp.api?.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(idp.origin).toBe(`http://127.0.0.1:${idp.port}`);
    expect(idp.issuer).toBe(`${idp.origin}/oauth2/default`);
  });

  it('tokens live an hour, the refresh token a week', async () => {
    let clock = Date.now();
    const idp = await start({ now: () => clock, api: false });
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    expect(Number(tokens.expires_in)).toBe(3600);
    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken.exp! - idToken.iat!).toBe(3600);
    // The refresh token is stamped with the same second as the ID token.
    clock = (idToken.iat! + 7 * 24 * 3600) * 1000 - 1;
    expect(idp.isTokenActive(tokens.refresh_token!)).toBe(true);
    clock += 1;
    expect(idp.isTokenActive(tokens.refresh_token!)).toBe(false);
  });

  it('no demo password is told for users of one’s own, a provider only when asked, no API when turned off', async () => {
    const users = [{ login: 'zed@example.com', password: 'Zed-Password-1', status: 'ACTIVE' as const, factors: ['password' as const], profile: { firstName: 'Zed', lastName: 'Z' } }];
    const idp = await start({ users, identityProvider: true, api: false, clientId: 'mine', redirectUri: 'com.example.mine:/cb', browserRedirectUris: [] });
    expect(idp.demoPassword).toBeUndefined();
    expect('demoPassword' in idp).toBe(false);
    expect(idp.identityProviders.length).toBe(1);
    expect(Object.keys(idp.identityProviders[0]!).sort()).toStrictEqual(['id', 'name']);
    expect(idp.api).toBeUndefined();
    expect([idp.clientId, idp.redirectUri, idp.browserRedirectUris]).toStrictEqual(['mine', 'com.example.mine:/cb', []]);
  });
});

describe('the running emulator', () => {
  it('says where it listens, on the log', async () => {
    const lines: string[] = [];
    const idp = await start({ log: (line) => lines.push(line), policy: 'identifier-first', api: false });
    expect(lines).toContain(`Okta emulator listening: issuer ${idp.issuer}, client ${DEFAULT_CLIENT_ID}, policy identifier-first`);
  });

  it('counts and revokes nothing for a login it does not know', async () => {
    const idp = await start({ api: false });
    await rawTokens(idp, DEMO_PASSWORD);
    expect(idp.liveTokenCount('alice@example.com')).toBe(2);
    expect(idp.liveTokenCount('nobody@example.com')).toBe(0);
    expect(idp.revokeTokens('nobody@example.com')).toBe(0);
    expect(idp.liveTokenCount('alice@example.com')).toBe(2);
  });

  it('close() stops listening, and a second close() is the same promise', async () => {
    const idp = await startIdp({ api: false });
    const first = idp.close();
    expect(idp.close()).toBe(first);
    await first;
    await expect(fetch(`${idp.issuer}/v1/keys`)).rejects.toThrow();
  });

  it('close() does not wait for a client half-way through a request', async () => {
    const idp = await startIdp({ api: false });
    const socket = connect(idp.port, '127.0.0.1');
    // Closed by the server, the socket is reset: that is the point, not a failure.
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /idp/idx/introspect HTTP/1.1\r\nHost: 127.0.0.1:${idp.port}\r\nContent-Length: 100\r\n\r\n{`);
    const ended = new Promise((resolve) => socket.once('close', resolve));
    // Well short of the server's own limits (10 s for headers, 30 s for a request).
    const fence = new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000).unref());
    expect(await Promise.race([idp.close().then(() => 'closed'), fence])).toBe('closed');
    await ended;
  });

  it('close() lets go of a request a latency fault holds: nothing is held once it is closed', async () => {
    const idp = await startIdp({ api: false });
    idp.faults.set('keys', { kind: 'latency', ms: 120_000 });
    const held = fetch(`${idp.issuer}/v1/keys`).catch(() => 'cut');
    await idp.faults.holding();
    await idp.close();
    await held;
    const stillHolding = await Promise.race([idp.faults.holding().then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 100))]);
    expect(stillHolding).toBe(false);
  });

  it('close() also closes the demo API', async () => {
    const idp = await startIdp();
    const api = idp.api!.origin;
    expect((await fetch(api)).status).toBe(404);
    await idp.close();
    await expect(fetch(api)).rejects.toThrow();
  });
});

describe('what startIdp wires together', () => {
  const refused = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });

  it('listens on 127.0.0.1 only, not on every interface', async () => {
    const idp = await start({ api: false });
    expect(await refused('127.0.0.1', idp.port)).toBe(false);
    expect(await refused('::1', idp.port)).toBe(true);
  });

  it('names users given in options as the source of their problems', async () => {
    await expect(startIdp({ users: [{ login: 'x@example.com' }] as unknown as IdpOptions['users'], api: false })).rejects.toThrow(/^Invalid users in options\.users: /);
  });

  it('signs with a key whose id the JWKS and the ID token share, named for the emulator', async () => {
    const idp = await start({ api: false });
    const { keys } = (await (await fetch(`${idp.issuer}/v1/keys`)).json()) as { keys: Array<{ kid: string }> };
    const { kid } = decodeProtectedHeader((await rawTokens(idp, DEMO_PASSWORD)).id_token!);
    expect(kid).toMatch(/^emu-[A-Za-z0-9_-]{11}$/);
    expect(keys.map((k) => k.kid)).toStrictEqual([kid]);
  });

  it('gives the demo API the task lists it was given', async () => {
    const tasks = { 'alice@example.com': [{ id: 't-9', title: 'Only this', done: true }] };
    const idp = await start({ api: { tasks } });
    const token = (await rawTokens(idp, DEMO_PASSWORD, { scope: `openid profile ${idp.api!.requiredScope}` })).access_token!;
    const res = await fetch(`${idp.api!.origin}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toMatchObject({ owner: 'alice@example.com', tasks: tasks['alice@example.com'] });
  });

  it('a demo API that cannot start fails startIdp, and frees the emulator’s own port', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    try {
      await expect(startIdp({ port, api: { port: taken } })).rejects.toThrow(/EADDRINUSE/);
      expect(await refused('127.0.0.1', port)).toBe(true);
    } finally {
      holder.close();
    }
  });

  it('answers a request it cannot parse with a bare 400 that closes the connection', async () => {
    const idp = await start({ api: false });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(idp.port, '127.0.0.1', () => socket.write('NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  it('hands the test its own faults, outbox and counts', async () => {
    const idp = await start({ api: false });
    idp.faults.set('keys', { kind: 'status', status: 503 });
    expect(idp.faults.list()).toStrictEqual({ keys: { kind: 'status', status: 503 } });
    expect((await fetch(`${idp.issuer}/v1/keys`)).status).toBe(503);
    idp.faults.clear('keys');
    expect(idp.faults.list()).toStrictEqual({});
    idp.faults.set('keys', { kind: 'latency', ms: 60_000, times: 1 });
    const held = fetch(`${idp.issuer}/v1/keys`);
    await idp.faults.holding();
    idp.faults.release();
    expect((await held).status).toBe(200);
    expect(idp.counts().keys).toBe(2);
    idp.resetCounts();
    expect(idp.counts().keys).toBe(0);

    const tx = await startRaw(idp);
    const identified = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({ stateHandle: tx.stateHandle, identifier: 'email-mfa@example.com', credentials: { passcode: DEMO_PASSWORD } }));
    expect(identified.status).toBe(200);
    expect(idp.outbox('email-mfa@example.com')).toStrictEqual([]);
  });
});

