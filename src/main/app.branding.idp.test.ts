/**
 * The app hands its own fetch, store and clock to the org's logo (branding/logo.ts is tested on
 * its own): the logo is fetched through the app's fetch, cached in the app's store, stamped with
 * the app's clock, and read back from that cache on the next launch without a request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/contract';
import { LOGO_CACHE_KEY } from './branding/logo';
import { startHarness, type AppHarness } from './testing/idp-harness';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_DATA_URL = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
const LOGO_URL = 'https://cdn.example.com/logo.png';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the org’s logo', () => {
  it('comes through the app’s fetch, into its store, stamped by its clock, and from there on the next launch', async () => {
    h = await startHarness();
    if (!h.config.ok) throw new Error('the harness configuration should be usable');
    const config = { ok: true as const, config: { ...h.config.config, branding: { orgName: 'Example', logo: { kind: 'url' as const, url: LOGO_URL } } } };
    const asked: string[] = [];
    const fetchLogo = ((url: string) => (asked.push(String(url)), Promise.resolve(new Response(PNG)))) as typeof fetch;
    const clock = () => Date.UTC(2031, 4, 6);

    const first = await h.launch({ config, fetch: fetchLogo, store: h.store, clock });
    expect(await first.app.invoke(CHANNELS.getBranding, undefined)).toEqual({ ok: true, value: { orgName: 'Example', logo: PNG_DATA_URL } });
    expect(asked).toEqual([LOGO_URL]);
    expect(h.store.get(LOGO_CACHE_KEY)).toEqual({ url: LOGO_URL, dataUrl: PNG_DATA_URL, fetchedAt: Date.UTC(2031, 4, 6) });

    // An hour later by the same clock: fresh, so no request.
    const again = await h.launch({ config, fetch: fetchLogo, store: h.store, clock: () => Date.UTC(2031, 4, 6, 1) });
    expect(await again.app.invoke(CHANNELS.getBranding, undefined)).toEqual({ ok: true, value: { orgName: 'Example', logo: PNG_DATA_URL } });
    expect(asked).toEqual([LOGO_URL]);
  });
});
