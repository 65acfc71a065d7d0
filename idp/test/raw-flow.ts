/**
 * Test helper: the password flow over plain fetch (no SDK), for checking the emulator's answers
 * to bad and replayed requests byte by byte.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, type RunningIdp } from '../index';

export interface RawTransaction {
  interactionHandle: string;
  stateHandle: string;
  verifier: string;
}

export function form(values: Record<string, string>): { method: 'POST'; headers: Record<string, string>; body: string } {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}

export function idxPost(body: unknown, contentType = 'application/json'): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export async function startRaw(idp: RunningIdp, overrides: Record<string, string> = {}): Promise<RawTransaction> {
  const verifier = randomBytes(32).toString('hex');
  const res = await fetch(
    `${idp.issuer}/v1/interact`,
    form({
      client_id: idp.clientId,
      redirect_uri: idp.redirectUri,
      scope: 'openid profile email offline_access',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'st',
      nonce: 'nn',
      ...overrides,
    }),
  );
  if (res.status !== 200) throw new Error(`interact answered ${res.status}: ${await res.text()}`);
  const { interaction_handle: interactionHandle } = (await res.json()) as { interaction_handle: string };
  const intro = await fetch(`${idp.origin}/idp/idx/introspect`, idxPost({ interactionHandle }, 'application/ion+json; okta-version=1.0.0'));
  const { stateHandle } = (await intro.json()) as { stateHandle: string };
  return { interactionHandle, stateHandle, verifier };
}

/** Signs in alice, or `login` (one-page policy) and returns the interaction code and the PKCE verifier. */
export async function rawInteractionCode(
  idp: RunningIdp,
  password: string,
  overrides: Record<string, string> = {},
  login = 'alice@example.com',
): Promise<{ code: string; verifier: string }> {
  const tx = await startRaw(idp, overrides);
  const res = await fetch(
    `${idp.origin}/idp/idx/identify`,
    idxPost({ identifier: login, credentials: { passcode: password }, stateHandle: tx.stateHandle }),
  );
  const doc = (await res.json()) as { successWithInteractionCode?: { value: Array<{ name: string; value?: string }> } };
  const code = doc.successWithInteractionCode?.value.find((v) => v.name === 'interaction_code')?.value;
  if (!code) throw new Error(`no interaction code (status ${res.status})`);
  return { code, verifier: tx.verifier };
}

/** `overrides` go to /v1/interact (e.g. another `scope`). */
export async function rawTokens(
  idp: RunningIdp,
  password: string,
  overrides: Record<string, string> = {},
  login = 'alice@example.com',
): Promise<Record<string, string>> {
  const { code, verifier } = await rawInteractionCode(idp, password, overrides, login);
  const res = await fetch(
    `${idp.issuer}/v1/token`,
    form({ grant_type: 'interaction_code', client_id: idp.clientId, redirect_uri: idp.redirectUri, interaction_code: code, code_verifier: verifier }),
  );
  if (res.status !== 200) throw new Error(`token answered ${res.status}`);
  return (await res.json()) as Record<string, string>;
}

export async function stillServing(idp: RunningIdp): Promise<boolean> {
  const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
  return res.status === 200 && ((await res.json()) as { issuer: string }).issuer === idp.issuer;
}

/** An IDX document as these tests read it: loosely, by name. */
export interface IdxDocument {
  remediation?: { type?: string; value: Array<{ name: string; value: Array<{ name: string; [key: string]: unknown }> }> };
  user?: { value: unknown };
  [key: string]: unknown;
}

/** Every i18n key in an IDX document, wherever it sits (top-level messages or a field's). */
export function idxMessageKeys(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const own = (value as { i18n?: { key?: unknown } }).i18n?.key;
  const nested = Object.values(value as Record<string, unknown>).flatMap(idxMessageKeys);
  return typeof own === 'string' ? [own, ...nested] : nested;
}

/** POSTs `body` to `/idp/idx/{path}`: the status, the document, its message keys and its remediations' names. */
export async function idxRequest(idp: RunningIdp, path: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(`${idp.origin}/idp/idx/${path}`, idxPost(body, contentType));
  const doc = (await res.json()) as IdxDocument;
  return { status: res.status, doc, keys: idxMessageKeys(doc), remediations: doc.remediation?.value.map((r) => r.name) ?? [] };
}

/** A new transaction at identify, and a poster of IDX requests bound to its state handle. */
export async function boundTransaction(idp: RunningIdp) {
  const { stateHandle } = await startRaw(idp);
  return (path: string, body: Record<string, unknown> = {}) => idxRequest(idp, path, { ...body, stateHandle });
}

/** Past the password for `login` over raw IDX: the first answer, and a poster bound to the transaction's state handle. */
export async function afterPassword(idp: RunningIdp, login: string, password = DEMO_PASSWORD) {
  const post = await boundTransaction(idp);
  const first = await post('identify', { identifier: login, credentials: { passcode: password } });
  return { post, first };
}
