/**
 * For tests: `value` with every catalog message in it formatted in English, so a test states
 * what a person reads ("Check your email") rather than message ids.
 */
import { formatText } from '../i18n/format';
import { isMessage } from '../../shared/i18n/text';

export function inEnglish<T>(value: T): unknown {
  if (isMessage(value)) return formatText(value, 'en');
  if (Array.isArray(value)) return value.map((item) => inEnglish(item));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inEnglish(item)]));
  return value;
}
