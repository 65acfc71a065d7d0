/**
 * The loopback redirect listener (RFC 8252 §7.3) over real sockets, with a manual scheduler for
 * its timeout: one answer at /callback with the right state, then closed; everything else refused.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualScheduler } from '../session/scheduler';
import { listenForRedirect, ListenerUnavailableError, readCallback, type LoopbackListener } from './loopback-listener';

const STATE = 'state-of-this-sign-in-0123456789abcdef';
const opened: LoopbackListener[] = [];
afterEach(() => {
  for (const listener of opened.splice(0)) listener.close();
});

async function listen(timeoutMs = 300_000) {
  const scheduler = createManualScheduler();
  const listener = await listenForRedirect({ expectedState: STATE, scheduler, timeoutMs });
  opened.push(listener);
  return { listener, scheduler };
}

const callback = (listener: LoopbackListener, query: Record<string, string>) => fetch(`${listener.redirectUri}?${new URLSearchParams(query)}`);

/** Whether anything still accepts connections on the listener's port. */
function accepts(redirectUri: string): Promise<boolean> {
  const { port } = new URL(redirectUri);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('readCallback', () => {
  it.each([
    [{ code: 'c', state: STATE }, { kind: 'code', code: 'c' }],
    [{ code: 'c', state: 'other' }, { kind: 'wrong-state' }],
    [{ code: 'c' }, { kind: 'wrong-state' }],
    [{ error: 'access_denied', state: 'other' }, { kind: 'wrong-state' }],
    [{ error: 'access_denied', error_description: 'User is not assigned to the client application.', state: STATE }, { kind: 'error', error: 'access_denied', description: 'User is not assigned to the client application.' }],
    [{ error: 'login_required', state: STATE }, { kind: 'error', error: 'login_required' }],
    [{ state: STATE }, { kind: 'error', error: 'invalid_request' }],
  ])('%j → %j', (query, expected) => {
    expect(readCallback(new URLSearchParams(query), STATE)).toEqual(expected);
  });

  it('keeps an error description short', () => {
    const result = readCallback(new URLSearchParams({ error: 'x', error_description: 'a'.repeat(5000), state: STATE }), STATE);
    expect(result.kind === 'error' && result.description?.length).toBe(300);
  });
});

describe('the listener', () => {
  it('listens on 127.0.0.1 on a port of its own, at /callback', async () => {
    const { listener } = await listen();
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(Number(new URL(listener.redirectUri).port)).toBeGreaterThan(0);
  });

  it('takes the one answer with the right state, says to close the tab, echoes nothing, then closes', async () => {
    const { listener, scheduler } = await listen();
    const res = await callback(listener, { code: 'the-code-<b>', state: STATE });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('You can close this tab.');
    expect(html).not.toContain('the-code');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; frame-ancestors 'none'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await listener.result).toEqual({ kind: 'code', code: 'the-code-<b>' });
    // The timeout is cancelled, and a second callback finds nothing listening.
    expect(scheduler.pending()).toEqual([]);
    expect(await accepts(listener.redirectUri)).toBe(false);
    await expect(callback(listener, { code: 'second', state: STATE })).rejects.toThrow();
  });

  it('a wrong state ends the wait with wrong-state (no code read) and closes', async () => {
    const { listener } = await listen();
    const res = await callback(listener, { code: 'c', state: 'forged' });
    expect(await res.text()).toContain('not the one the app is waiting for');
    expect(await listener.result).toEqual({ kind: 'wrong-state' });
    expect(await accepts(listener.redirectUri)).toBe(false);
  });

  it("the org's error (access_denied) ends the wait with it", async () => {
    const { listener } = await listen();
    const res = await callback(listener, { error: 'access_denied', error_description: 'The user cancelled the sign-in.', state: STATE });
    expect(await res.text()).toContain('did not complete the sign-in');
    expect(await listener.result).toEqual({ kind: 'error', error: 'access_denied', description: 'The user cancelled the sign-in.' });
  });

  it('other paths, other methods and another Host are refused without ending the wait', async () => {
    const { listener } = await listen();
    const base = new URL(listener.redirectUri);
    expect((await fetch(`${base.origin}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${listener.redirectUri}?code=c&state=${STATE}`, { method: 'POST' })).status).toBe(405);
    const rebound = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(base.port) }, () => {
        socket.write(`GET /callback?code=c&state=${STATE} HTTP/1.1\r\nHost: evil.example:${base.port}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(rebound).toMatch(/^HTTP\/1\.1 421/);
    // Still waiting: the real answer is taken.
    await callback(listener, { code: 'c', state: STATE });
    expect(await listener.result).toEqual({ kind: 'code', code: 'c' });
  });

  it('a browser that connects and goes away (early close) does not end the wait', async () => {
    const { listener } = await listen();
    const { port } = new URL(listener.redirectUri);
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => {
        socket.write('GET /callback?code=c');
        socket.destroy();
        resolve();
      });
    });
    await callback(listener, { code: 'real', state: STATE });
    expect(await listener.result).toEqual({ kind: 'code', code: 'real' });
  });

  it('times out after the timeout it was given, and closes', async () => {
    const { listener, scheduler } = await listen(120_000);
    expect(scheduler.pending()).toEqual([120_000]);
    await scheduler.runDue();
    expect(await listener.result).toEqual({ kind: 'timeout' });
    expect(await accepts(listener.redirectUri)).toBe(false);
  });

  it('close() (cancel) ends the wait and frees the port; an answer after it finds nothing', async () => {
    const { listener, scheduler } = await listen();
    listener.close();
    expect(await listener.result).toEqual({ kind: 'cancelled' });
    expect(scheduler.pending()).toEqual([]);
    expect(await accepts(listener.redirectUri)).toBe(false);
    listener.close();
  });

  it('a port in use: ListenerUnavailableError, nothing left listening', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
    const { port } = blocker.address() as AddressInfo;
    try {
      const error = await listenForRedirect({ expectedState: STATE, scheduler: createManualScheduler(), port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ListenerUnavailableError);
      expect((error as ListenerUnavailableError).code).toBe('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
