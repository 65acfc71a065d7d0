/**
 * Test helpers for the MFA and enrollment tests: an injectable org clock, the admin API with
 * this run's token, the outbox, and a legacy-mode sign-in (what the app does) up to the first
 * step after the password.
 */
import type { IdxTransaction, OktaAuth } from '@okta/okta-auth-js';
import { Secret, TOTP } from 'otpauth';
import { DEMO_PASSWORD, type OutboxMessage, type RunningIdp } from '../index';
import { createSdk } from './sdk-client';

/** The org's clock, moved by the test instead of sleeping. */
export function testClock(start = Date.now()): { now: () => number; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export function admin(idp: RunningIdp, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${idp.origin}/__admin/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${idp.adminToken}`, ...(init.headers as Record<string, string> | undefined) },
  });
}

/** The newest message the org sent this login (on a channel). */
export function lastMessage(idp: RunningIdp, login: string, channel?: OutboxMessage['channel']): OutboxMessage {
  const found = idp.outbox(login).filter((m) => channel === undefined || m.channel === channel).at(-1);
  if (!found) throw new Error(`no ${channel ?? ''} message for ${login}`);
  return found;
}

export function lastCode(idp: RunningIdp, login: string, channel?: OutboxMessage['channel']): string {
  const { code } = lastMessage(idp, login, channel);
  if (!code) throw new Error(`the last message to ${login} has no code`);
  return code;
}

/** Opens a message's link as a person clicking it would (through the admin API). */
export async function openLink(idp: RunningIdp, message: OutboxMessage): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await admin(idp, `outbox/${message.id}/open`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Legacy mode (as the app runs okta-auth-js): username and password, then whatever the org asks. */
export async function signIn(idp: RunningIdp, login: string): Promise<{ sdk: OktaAuth; tx: IdxTransaction }> {
  const sdk = createSdk(idp, { legacy: true });
  const tx = await sdk.idx.authenticate({ username: login, password: DEMO_PASSWORD });
  return { sdk, tx };
}

export function messageKeys(tx: IdxTransaction): string[] {
  return (tx.messages ?? []).map((m) => m.i18n?.key ?? m.message);
}

export function optionValues(tx: IdxTransaction): string[] {
  return (tx.nextStep?.inputs?.[0]?.options ?? []).map((o) => String(o.value));
}

/** The code an authenticator app shows for a base32 secret at the org's time (offset by `steps` of 30 s). */
export function totpCode(secret: string, now: number, steps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now + steps * 30_000 });
}
