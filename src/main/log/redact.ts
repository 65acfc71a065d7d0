/**
 * Removes secrets from log fields before they are written anywhere. Applied by every logger, so
 * a careless `log.info('x', { tokens })` or `log.error('x', { error })` still cannot leak a token
 * or password:
 * - a key that names a secret has its value masked, whatever the value is, at any depth;
 * - inside any string: the values this process has registered as secret (tokens as they arrive,
 *   a password while its call runs), `name=value` (URL query, form body), `"name":"value"` (JSON
 *   body) and `name: value` (header) pairs whose name is a secret's, JWTs, Bearer/Basic credentials;
 * - binary values (Buffer, typed arrays, ArrayBuffer) become a placeholder: nobody reads bytes in
 *   a log, and they may be a request body or key material;
 * - an Error becomes its name and code only: its message may quote a server body or a token the
 *   patterns above do not recognise (an opaque refresh token), its `xhr` the whole response.
 */

// Tested against the key in lower case without '-' and '_', so `state_handle`, `stateHandle` and
// `x-okta-state-handle` are one name. Keys the app logs on purpose (failure, rejectedByIdp,
// reason, step, status, storage, key...) must not match.
const SECRET_KEY =
  /pass|pwd|secret|token|code$|authoriz|cookie|credential|verifier|assertion|^otp$|answer|statehandle|interaction|nonce|codechallenge|^sid$|sessionid|apikey|privatekey|responsetext|responsejson|^body$|^rawbody$/;
// Codes that are vocabulary, not secrets, though they end in "code".
const NOT_SECRET = new Set(['statuscode', 'errorcode', 'exitcode']);
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// `name=value` up to the next separator of a query string or form body.
const QUERY_PAIR = /([A-Za-z0-9_.-]+)=([^&;\s#"'<>]*)/g;
// `"name": "value"` in a JSON text (escaped quotes inside the value included).
const JSON_PAIR = /"([A-Za-z0-9_.-]{1,64})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
// `name: value` as in a header dump.
const HEADER_PAIR = /([A-Za-z0-9_-]+)(:[ \t]*)([^\s,;]+)/g;
// A flat JSON object, e.g. an IDX form field `{"name":"stateHandle","required":true,"value":"02…"}`.
const FLAT_OBJECT = /\{[^{}]*\}/g;
const NAME_MEMBER = /"name"\s*:\s*"([A-Za-z0-9_.-]{1,64})"/;
const VALUE_MEMBER = /("value"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;
/**
 * Registered values shorter than this are ignored: they occur everywhere by chance. Four, not
 * more, because Okta accepts a security answer of four characters, and an answer is masked while
 * its call runs like a password (masking a short word in a few lines is the cheaper mistake).
 */
export const MIN_SECRET_LENGTH = 4;
/** Bound on what is registered (oldest forms dropped first), so a long session cannot grow it without end. */
const MAX_REGISTERED_FORMS = 256;
// An error's code (`ENOENT`, `invalid_grant`, `E0000011`) is vocabulary; anything else is not a code.
const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

export function isSecretKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY.test(name) && !NOT_SECRET.has(name);
}

function maskPairs(value: string): string {
  return value
    // An IDX field carries its secret under "value", named by its "name".
    .replace(FLAT_OBJECT, (object) => {
      const name = NAME_MEMBER.exec(object)?.[1];
      return name !== undefined && isSecretKey(name) ? object.replace(VALUE_MEMBER, `$1"${REDACTED}"`) : object;
    })
    .replace(QUERY_PAIR, (whole, name: string) => (isSecretKey(name) ? `${name}=${REDACTED}` : whole))
    .replace(JSON_PAIR, (whole, name: string, colon: string) => (isSecretKey(name) ? `"${name}"${colon}"${REDACTED}"` : whole))
    .replace(HEADER_PAIR, (whole, name: string, colon: string) => (isSecretKey(name) ? `${name}${colon}${REDACTED}` : whole));
}

function maskPatterns(value: string): string {
  // Credentials first: a header pair would otherwise mask only the word "Bearer" before them.
  return maskPairs(value.replace(BEARER, `$1 ${REDACTED}`).replace(JWT_LIKE, REDACTED));
}

function isBinary(value: object): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value) || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer);
}

function describeError(error: Error): { name: string; code?: string } {
  const { code, errorCode } = error as { code?: unknown; errorCode?: unknown };
  const candidate = typeof code === 'string' || typeof code === 'number' ? String(code) : typeof errorCode === 'string' ? errorCode : undefined;
  return candidate !== undefined && ERROR_CODE.test(candidate) ? { name: error.name, code: candidate } : { name: error.name };
}

// Characters that URL, form and JSON encoding all leave as they are: a value made only of them
// (a JWT, an opaque token in base64url) has one form. Checking is cheaper than encoding a token
// three times at each sign-in and refresh.
const ENCODING_SAFE = /^[A-Za-z0-9._-]*$/;

/** The forms a secret takes on the wire and in messages: as is, URL- and form-encoded, JSON-escaped. */
function encodedForms(value: string): Set<string> {
  if (ENCODING_SAFE.test(value)) return new Set([value]);
  return new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]);
}

export interface Redactor {
  /** A copy of `value` with every secret masked (see the top of this file). */
  redact(value: unknown): unknown;
  /**
   * Masks `value` (and its encoded forms) in every string from now on, until the returned
   * function is called. Values shorter than MIN_SECRET_LENGTH are ignored.
   */
  registerSecret(value: string): () => void;
}

export function createRedactor(): Redactor {
  // Each form with the number of registrations holding it; insertion order is age.
  const registered = new Map<string, number>();
  // Longest first, so a secret that contains another is masked whole. Rebuilt after a change,
  // and dropped then: nothing keeps a released secret reachable.
  let byLength: string[] | undefined;

  function maskRegistered(value: string): string {
    if (registered.size === 0) return value;
    byLength ??= [...registered.keys()].sort((a, b) => b.length - a.length);
    let out = value;
    for (const secret of byLength) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  function redactValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return maskPatterns(maskRegistered(value));
    if (value === null || typeof value !== 'object') return value;
    if (isBinary(value)) return `[binary, ${value.byteLength} bytes]`;
    if (value instanceof Error) return describeError(value);
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : redactValue(item, depth + 1);
    }
    return out;
  }

  return {
    redact: (value) => redactValue(value, 0),
    registerSecret(value) {
      if (value.length < MIN_SECRET_LENGTH) return () => {};
      const forms = [...encodedForms(value)];
      for (const form of forms) {
        registered.set(form, (registered.get(form) ?? 0) + 1);
      }
      while (registered.size > MAX_REGISTERED_FORMS) registered.delete(registered.keys().next().value!);
      byLength = undefined;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        for (const form of forms) {
          const count = registered.get(form);
          if (count === undefined) continue;
          if (count <= 1) registered.delete(form);
          else registered.set(form, count - 1);
        }
        byLength = undefined;
      };
    },
  };
}

const stateless = createRedactor();

/** Redaction by key, pattern and type alone, with no registered secrets. */
export const redact = (value: unknown): unknown => stateless.redact(value);
