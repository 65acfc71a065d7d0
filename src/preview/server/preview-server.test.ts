/**
 * The preview server against the real main-process handlers and the real emulator: it serves
 * the built page with its CSP, forwards bridge calls, and refuses anything not from its own page.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from '../../../idp/index';
import { CONTENT_SECURITY_POLICY } from '../../main/renderer-host/app-protocol';
import { CHANNELS } from '../../shared/contract';
import { BRIDGE_LANGUAGE_HEADER, BRIDGE_TOKEN_HEADER, readBridgeToken } from '../http-transport';
import { MAX_INVOKE_BODY_BYTES } from './bridge-routes';
import { readCsp } from './build-preview';
import { startPreviewServer, type PreviewServer } from './preview-server';

let idp: RunningIdp;
let preview: PreviewServer;
let origin: string;
let token: string;

beforeAll(async () => {
  idp = await startIdp({ port: 0 });
  preview = await startPreviewServer({
    port: 0,
    env: { OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri },
    dotEnvPath: '/nonexistent/.env',
    log: () => {},
  });
  origin = new URL(preview.url).origin;
  token = readBridgeToken(new URL(preview.url).hash);
}, 60_000);

afterAll(async () => {
  await preview?.close();
  await idp?.close();
});

const invoke = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}/__bridge/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, [BRIDGE_TOKEN_HEADER]: token, ...headers },
    body,
  });

/** node:http, unlike fetch, sends exactly the headers given (no Origin unless asked). */
function rawPost(body: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}/__bridge/invoke`, { method: 'POST', headers });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('preview server', () => {
  it('listens on 127.0.0.1 only and did not start a second emulator', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(preview.idp).toBeUndefined();
  });

  it('serves the page with the same CSP as the Electron renderer, as meta tag and header', async () => {
    const response = await fetch(preview.url);
    const html = await response.text();
    // The policy the app:// handler sends the Electron window, not one derived from this page.
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // A meta tag cannot carry frame-ancestors; everything else is in it, word for word.
    expect(`${readCsp(html)}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  });

  it('serves a bundle without okta-auth-js: the renderer never holds the SDK', async () => {
    const html = await (await fetch(preview.url)).text();
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await (await fetch(new URL(src, origin))).text();
      expect(js).not.toMatch(/OktaAuth|okta-auth-js|interaction_code/);
    }
  });

  it('forwards a call from its own page to the main-process handlers', async () => {
    const response = await invoke(JSON.stringify({ channel: CHANNELS.getState }));
    expect(response.status).toBe(200);
    // The org's offers ("Forgot password?") may already be on the view: the preview asks for them at start.
    expect(await response.json()).toMatchObject({ ok: true, value: { status: 'signed-out', messages: [] } });
  });

  it('passes the handlers’ own validation errors through', async () => {
    const response = await invoke(JSON.stringify({ channel: CHANNELS.signIn, payload: { username: 'alice' } }));
    const result = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-request');
  });

  it.each([
    ['another origin', { Origin: 'http://evil.example' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses a call from %s', async (_what, headers) => {
    const response = await invoke(JSON.stringify({ channel: CHANNELS.getState }), headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a call without an Origin header, or with a rebound host name', async () => {
    const body = JSON.stringify({ channel: CHANNELS.getState });
    const withToken = { [BRIDGE_TOKEN_HEADER]: token, 'Content-Type': 'application/json' };
    expect(await rawPost(body, withToken)).toBe(403);
    expect(await rawPost(body, { ...withToken, Host: 'attacker.example', Origin: 'http://attacker.example' })).toBe(403);
    // The same raw request with the right headers succeeds, so the refusals above are the checks.
    expect(await rawPost(body, { ...withToken, Origin: origin })).toBe(200);
  });

  it('refuses a local process that forges Host and Origin but lacks the bridge token', async () => {
    const body = JSON.stringify({ channel: CHANNELS.getState });
    const forged = { Host: new URL(origin).host, Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };
    expect(await rawPost(body, forged)).toBe(403);
    for (const wrong of ['', 'x', token.slice(1), `${token}x`, token.toUpperCase()]) {
      expect(await rawPost(body, { ...forged, [BRIDGE_TOKEN_HEADER]: wrong }), JSON.stringify(wrong)).toBe(403);
    }
    // What such a process can read does not hold the token: the page and its scripts.
    const html = await (await fetch(`${origin}/`)).text();
    expect(html).not.toContain(token);
    for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) {
      expect(await (await fetch(new URL(src!, origin))).text()).not.toContain(token);
    }
    expect(await rawPost(body, { ...forged, [BRIDGE_TOKEN_HEADER]: token })).toBe(200);
  });

  it('prints a page URL whose fragment holds a random per-run token', () => {
    expect(new URL(preview.url).pathname).toBe('/');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses bodies that are not JSON, malformed, or too large', async () => {
    expect((await invoke('{"channel":', {})).status).toBe(400);
    expect((await invoke('[]')).status).toBe(400);
    expect((await invoke('channel=auth:get-state', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const big = JSON.stringify({ channel: CHANNELS.getState, payload: 'x'.repeat(MAX_INVOKE_BODY_BYTES) });
    const tooLarge = await invoke(big);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('streams state changes to its own page as server-sent events', async () => {
    const controller = new AbortController();
    const events = await fetch(`${origin}/__bridge/events?bridge-token=${token}`, { signal: controller.signal });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    // A refused sign-in leaves state alone; a real one changes it and must be pushed.
    const signIn = invoke(
      JSON.stringify({ channel: CHANNELS.signIn, payload: { username: 'locked@example.com', password: 'Password123!' } }),
    );
    let text = '';
    while (!text.includes('auth:state-changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await signIn;
    controller.abort();
    expect(text).toContain('event: auth:state-changed');
    expect(text).toContain('"status":"terminal"');
  });

  it('refuses the event stream to other origins, and to anyone without the token', async () => {
    const response = await fetch(`${origin}/__bridge/events?bridge-token=${token}`, { headers: { Origin: 'http://evil.example' } });
    expect(response.status).toBe(403);
    expect((await fetch(`${origin}/__bridge/events`, { headers: { Origin: origin } })).status).toBe(403);
    expect((await fetch(`${origin}/__bridge/events?bridge-token=nope`, { headers: { Origin: origin } })).status).toBe(403);
  });

  it("asks the org in the language the page draws in, as said by the page itself; the pseudo-locale is English to it", async () => {
    /** The org's word on an unknown username, as the page receives it (no account is locked by asking). */
    const unknownUser = async (headers: Record<string, string>) => {
      const body = JSON.stringify({ channel: CHANNELS.signIn, payload: { username: 'nobody@example.com', password: 'not-the-password' } });
      const result = (await (await invoke(body, headers)).json()) as { value: { messages: Array<{ text: unknown }> } };
      return result.value.messages.map((m) => m.text);
    };
    const english = ['There is no account with the Username nobody@example.com.'];
    const german = ['Es gibt kein Konto mit dem Benutzernamen nobody@example.com.'];
    expect(await unknownUser({})).toEqual(english);
    expect(await unknownUser({ [BRIDGE_LANGUAGE_HEADER]: 'de' })).toEqual(german);
    // A call refused as not the page's says nothing; a call without the header keeps the page's language.
    expect((await invoke(JSON.stringify({ channel: CHANNELS.getState }), { [BRIDGE_TOKEN_HEADER]: 'nope', [BRIDGE_LANGUAGE_HEADER]: 'fr' })).status).toBe(403);
    expect(await unknownUser({})).toEqual(german);
    expect(await unknownUser({ [BRIDGE_LANGUAGE_HEADER]: 'fr-CA' })).toEqual(['Aucun compte n’existe avec le nom d’utilisateur nobody@example.com.']);
    expect(await unknownUser({ [BRIDGE_LANGUAGE_HEADER]: 'en-XA' })).toEqual(english);
  });
});
