/**
 * Every locale's catalog, as data: message id → ICU MessageFormat text. English is the source;
 * each other locale has exactly its ids, with the same arguments (checked by catalog.test.ts).
 */
import ar from './ar.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import type { Locale } from '../locales';
import type { MessageId } from '../text';

export type Catalog = Readonly<Record<MessageId, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, de, fr, es, ja, ar };
