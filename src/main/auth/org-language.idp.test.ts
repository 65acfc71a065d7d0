/**
 * The person's language reaches the org: the app sends Accept-Language with every request (the
 * real okta-auth-js, over real HTTP, to the emulator), the org answers its own messages in that
 * language, and the app shows them as the org sent them. A change of language takes effect at the
 * next request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AuthView } from '../../shared/contract';
import type { Locale } from '../../shared/i18n/locales';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(initial: Locale | undefined) {
  let language: Locale | undefined = initial;
  const sent: Array<string | null> = [];
  const h = await startHarness({
    app: initial === undefined ? {} : { language: () => language! },
    wrapFetch: (inner) => (url, init) => {
      sent.push(new Headers(init?.headers).get('accept-language'));
      return inner(url, init);
    },
  });
  open.push(h);
  return { h, sent, switchTo: (next: Locale) => void (language = next) };
}

const texts = (view: AuthView) => ('messages' in view ? view.messages.map((m) => m.text) : []);

describe('the org’s messages in the person’s language', () => {
  it('German: a wrong password and an unknown user come in German, and every request asked for it', async () => {
    const { h, sent } = await harness('de');
    expect(texts(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-password')))).toEqual(['Authentifizierung fehlgeschlagen']);
    await h.view(CHANNELS.cancel);
    expect(texts(await h.view(CHANNELS.signIn, credentials('nobody@example.com')))).toEqual(['Es gibt kein Konto mit dem Benutzernamen nobody@example.com.']);
    expect(sent.length).toBeGreaterThan(3);
    expect(new Set(sent)).toEqual(new Set(['de, en;q=0.5']));
  });

  it('French, and back to English when the person changes the language', async () => {
    const { h, switchTo } = await harness('fr');
    expect(texts(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-password')))).toEqual(['Échec de l’authentification']);
    await h.view(CHANNELS.cancel);
    switchTo('en');
    expect(texts(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-password')))).toEqual(['Authentication failed']);
  });

  it('a language the org does not speak gets its English', async () => {
    const { h } = await harness('ja');
    expect(texts(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-password')))).toEqual(['Authentication failed']);
  });

  it('an app given no language asks the org for English', async () => {
    const { h, sent } = await harness(undefined);
    expect(texts(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'wrong-password')))).toEqual(['Authentication failed']);
    expect(sent.length).toBeGreaterThan(1);
    expect(new Set(sent)).toEqual(new Set(['en']));
  });
});
