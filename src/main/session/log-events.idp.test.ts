/**
 * What the session writes to the log at each point of its life: the event names and fields an
 * administrator greps for (never a token: the redactor and secrets-hygiene.test.ts see to that).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import type { LogEntry } from '../log/logger';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { createManualScheduler } from './scheduler';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOURS_2 = 2 * 3600 * 1000;

/** The session's and vault's log entries since the last call. */
function logReader(entries: LogEntry[]) {
  let seen = 0;
  return () => {
    const fresh = entries.slice(seen).filter((e) => /^(session|vault)\./.test(e.event));
    seen = entries.length;
    return fresh;
  };
}

describe('session log events', () => {
  it('sign-in, failed profile load, refresh, failed refresh, refused refresh', async () => {
    const scheduler = createManualScheduler();
    const later = { ms: 0 };
    h = await startHarness({ scheduler, clock: () => Date.now() + later.ms });
    const logged = logReader(h.log.entries);

    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(logged()).toEqual([{ level: 'info', event: 'session.signed-in', fields: { storage: 'encrypted' } }]);

    h.idp.faults.set('userinfo', { kind: 'status', status: 500, times: 1 });
    await h.view(CHANNELS.refreshProfile);
    expect(logged()).toEqual([{ level: 'warn', event: 'session.userinfo-failed', fields: { failure: 'idp-error', rejectedByIdp: false, error: expect.any(String) } }]);

    later.ms = HOURS_2;
    await scheduler.runDue();
    expect(logged()).toEqual([{ level: 'info', event: 'session.refreshed', fields: { storage: 'encrypted' } }]);

    later.ms = 2 * HOURS_2;
    h.idp.faults.set('token', { kind: 'status', status: 500, times: 1 });
    await scheduler.runDue();
    expect(logged()).toEqual([{ level: 'warn', event: 'session.refresh-failed', fields: { failure: 'idp-error', error: expect.any(String) } }]);

    // The org revokes the refresh token: the next renewal ends the session.
    const { refreshToken } = (await h.storedTokens())!;
    const revoked = await fetch(`${h.idp.issuer}/v1/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: h.idp.clientId, token: refreshToken! }).toString(),
    });
    expect(revoked.status).toBe(200);
    await scheduler.runDue();
    expect(logged()).toEqual([{ level: 'info', event: 'session.ended', fields: {} }]);
  });

  it('restore at launch and sign-out', async () => {
    h = await startHarness();
    const logged = logReader(h.log.entries);
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    logged(); // the sign-in, checked above
    const next = await h.launch({ log: h.log });
    expect((await next.call(CHANNELS.getState)).ok).toBe(true);
    expect(logged()).toEqual([{ level: 'info', event: 'session.restored', fields: {} }]);
    expect(await next.view(CHANNELS.signOut)).toMatchObject({ status: 'signed-out' });
    expect(logged()).toEqual([{ level: 'info', event: 'session.signed-out', fields: { revoked: true } }]);
  });
});
