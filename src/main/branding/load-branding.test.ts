/** loadBranding: the contract's `Branding` holds exactly the settings that are set (no key with an undefined value). */
import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { createMemoryStore } from '../session/store';
import { loadBranding } from './load-branding';
import type { LogoDeps } from './logo';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_DATA_URL = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
const LOGO = { kind: 'url', url: 'https://cdn.example.com/logo.png' } as const;

function deps(answer: () => Response) {
  const asked: string[] = [];
  const log = createCapturingLogger();
  return {
    asked,
    log,
    fetch: (async (url: string) => {
      asked.push(url);
      return answer();
    }) as unknown as typeof fetch,
    store: createMemoryStore(),
    clock: () => 1_000_000,
  } satisfies LogoDeps & { readonly asked: string[] };
}

describe('loadBranding', () => {
  it('nothing configured: an empty object, with no key at all, and nothing fetched', async () => {
    const d = deps(() => new Response(PNG));
    const branding = await loadBranding({}, d);
    expect(branding).toStrictEqual({});
    expect(Object.keys(branding)).toEqual([]);
    expect(d.asked).toEqual([]);
  });

  it('every setting configured: each one given, the logo as a checked data: URL', async () => {
    const d = deps(() => new Response(PNG));
    const branding = await loadBranding({ orgName: 'Acme', logo: LOGO, accentColor: '#0055aa', helpUrl: 'https://help.acme.example/desk' }, d);
    expect(branding).toStrictEqual({ orgName: 'Acme', logo: PNG_DATA_URL, accentColor: '#0055aa', helpUrl: 'https://help.acme.example/desk' });
    expect(d.asked).toEqual([LOGO.url]);
  });

  it('gives each setting on its own, without keys for the ones not set', async () => {
    const d = deps(() => new Response(PNG));
    expect(await loadBranding({ orgName: 'Acme' }, d)).toStrictEqual({ orgName: 'Acme' });
    expect(await loadBranding({ logo: LOGO }, d)).toStrictEqual({ logo: PNG_DATA_URL });
    expect(await loadBranding({ accentColor: '#0055aa' }, d)).toStrictEqual({ accentColor: '#0055aa' });
    expect(await loadBranding({ helpUrl: 'https://help.acme.example/' }, d)).toStrictEqual({ helpUrl: 'https://help.acme.example/' });
  });

  it('a logo that cannot be used leaves out the logo key, and keeps the other settings', async () => {
    const d = deps(() => new Response('<html>not an image</html>'));
    const branding = await loadBranding({ orgName: 'Acme', logo: LOGO, accentColor: '#0055aa' }, d);
    expect(branding).toStrictEqual({ orgName: 'Acme', accentColor: '#0055aa' });
    expect(Object.keys(branding)).toEqual(['orgName', 'accentColor']);
    expect(d.log.entries.map((entry) => entry.fields)).toEqual([{ source: 'url', reason: 'not-an-image', cached: false }]);
  });
});
