/**
 * A few of the org's messages and field labels in German and French, chosen by the request's
 * Accept-Language, as Okta localises its own: enough to show that the app's Accept-Language reaches
 * the org and that the org's words are shown as the org sends them. The rest stays English.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/http-util';

type Language = 'de' | 'fr';

/** By i18n key: the translated text, from the English text (for the values it carries). */
const TRANSLATIONS: Readonly<Record<string, Readonly<Record<Language, (english: string) => string>>>> = {
  'errors.E0000004': { de: () => 'Authentifizierung fehlgeschlagen', fr: () => 'Échec de l’authentification' },
  incorrectPassword: { de: () => 'Das Passwort ist falsch', fr: () => 'Le mot de passe est incorrect' },
  'idx.unknown.user': {
    de: (english) => `Es gibt kein Konto mit dem Benutzernamen ${usernameIn(english)}.`,
    fr: (english) => `Aucun compte n’existe avec le nom d’utilisateur ${usernameIn(english)}.`,
  },
  'api.authn.error.PASSCODE_INVALID': { de: () => 'Ungültiger Code. Versuchen Sie es erneut.', fr: () => 'Code non valide. Réessayez.' },
};

/** IDX field and option labels (they carry no i18n key), by their English text. */
const LABELS: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  Username: { de: 'Benutzername', fr: 'Nom d’utilisateur' },
  Password: { de: 'Passwort', fr: 'Mot de passe' },
  'New password': { de: 'Neues Passwort', fr: 'Nouveau mot de passe' },
  'Remember this device': { de: 'Dieses Gerät merken', fr: 'Mémoriser cet appareil' },
  'Enter code': { de: 'Code eingeben', fr: 'Saisir le code' },
  Email: { de: 'E-Mail', fr: 'E-mail' },
  Phone: { de: 'Telefon', fr: 'Téléphone' },
  'Security Question': { de: 'Sicherheitsfrage', fr: 'Question de sécurité' },
};

const usernameIn = (english: string): string => /Username (.*)\.$/.exec(english)?.[1] ?? '';

/** The first of the request's languages that the emulator speaks (q-values in order), if any. */
export function preferredLanguage(header: string | undefined): Language | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { language: tag.trim().split('-')[0]!.toLowerCase(), q };
    })
    // A q that is not a number is NaN, which is not > 0: dropped, like q=0.
    .filter((entry) => entry.q > 0)
    // Stable: languages of equal q keep the header's order.
    .sort((a, b) => b.q - a.q);
  for (const { language } of ranked) {
    if (language === 'en') return undefined;
    if (language === 'de' || language === 'fr') return language;
  }
  return undefined;
}

function translate(value: unknown, language: Language): boolean {
  // Arrays too: their items are their values.
  if (typeof value !== 'object' || value === null) return false;
  let changed = false;
  const record = value as Record<string, unknown>;
  const key = (record['i18n'] as { key?: unknown } | undefined)?.key;
  const translation = typeof key === 'string' && typeof record['message'] === 'string' ? TRANSLATIONS[key]?.[language] : undefined;
  if (translation) {
    record['message'] = translation(record['message'] as string);
    changed = true;
  }
  // A field (`name`) or one of its options (`value`); not any other object that has a label.
  const labelled = typeof record['name'] === 'string' || 'value' in record;
  const label = labelled && typeof record['label'] === 'string' ? LABELS[record['label']]?.[language] : undefined;
  if (label) {
    record['label'] = label;
    changed = true;
  }
  for (const child of Object.values(record)) changed = translate(child, language) || changed;
  return changed;
}

/** `reply` with the messages it can translate in the request's language, and Content-Language then. */
export function localizeReply(reply: Reply, headers: IncomingHttpHeaders): Reply {
  const language = preferredLanguage(headers['accept-language']);
  if (!language) return reply;
  let body: unknown;
  try {
    body = JSON.parse(reply.body);
  } catch {
    return reply;
  }
  if (!translate(body, language)) return reply;
  return { ...reply, headers: { ...reply.headers, 'Content-Language': language }, body: JSON.stringify(body) };
}
