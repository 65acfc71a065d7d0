/**
 * Removes secrets from log fields before they are written anywhere. Applied by every logger, so
 * a careless `log.info('x', { tokens })` still cannot leak a token or password.
 */

const SECRET_KEY = /pass(word|code)?|secret|token|^code$|_code$|Code$|authorization|cookie|credential|verifier|assertion|^otp$|stateHandle|interaction/i;
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

function redactString(value: string): string {
  return value.replace(JWT_LIKE, REDACTED).replace(BEARER, `$1 ${REDACTED}`);
}

/** Returns a copy of `value` with secret-named keys masked and token-looking strings replaced. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
