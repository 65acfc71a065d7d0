/**
 * An org that issues access tokens shorter than the 60 s refresh margin: each is "due" the
 * moment it arrives. The session must still renew at most every 10 s, not in a storm.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { createManualScheduler } from './scheduler';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('tokens shorter than the refresh margin', () => {
  it('are renewed no sooner than every 10 s, one refresh per timer', async () => {
    const scheduler = createManualScheduler();
    h = await startHarness({ idp: { accessTokenTtlSeconds: 30 }, scheduler });
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    expect(scheduler.pending()).toEqual([10_000]);
    h.idp.resetCounts();
    for (let renewal = 1; renewal <= 3; renewal++) {
      const before = await h.storedTokens();
      await scheduler.runDue();
      expect(h.idp.counts().token).toBe(renewal);
      expect((await h.storedTokens())?.accessToken).not.toBe(before?.accessToken);
      // The new token is as short: the next renewal waits the minimum again, not 0 ms.
      expect(scheduler.pending()).toEqual([10_000]);
    }
    expect(await h.state()).toMatchObject({ status: 'signed-in', messages: [] });
  });
});
