/**
 * Compares a secret someone presented with the one expected, in time that does not depend on
 * where they differ. Both are hashed first, so neither their lengths nor a common prefix show.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function secretEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
