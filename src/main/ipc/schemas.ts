/**
 * Runtime validation of everything the renderer sends. The renderer is treated as untrusted:
 * strict objects (unknown keys rejected), bounded lengths from INPUT_LIMITS, no payload at all
 * for methods that take none.
 */
import { z } from 'zod';
import {
  CHANNELS,
  INPUT_LIMITS,
  type BridgeError,
  type BridgeMethod,
  type BridgeMethods,
} from '../../shared/contract';

// C0 controls, DEL and C1 controls: no keyboard types one, and NUL truncates in native code.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Characters that show nothing or change how the text around them is shown: controls (Cc),
 * format characters (Cf: zero-width, bidi marks and overrides such as U+061C and U+202E, the soft
 * hyphen U+00AD, the byte-order mark), line/paragraph separators (Zl, Zp: U+2028, U+2029) and the
 * other default-ignorable code points (Hangul fillers, variation selectors). In a username they
 * make one login look like another, or break a log line. By property, not a list, so characters a
 * later Unicode version adds are refused too.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
// Own keys that would reach an object's prototype or constructor if ever copied with `obj[key] = ...`.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Only plain data objects: an object with a custom prototype could supply keys by inheritance
 * (a polluted prototype, a class instance). Electron's structured clone never produces one, so
 * anything else did not come through the real bridge.
 */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// A lone surrogate cannot be encoded as UTF-8: it would reach the IdP as U+FFFD, a different password.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (value: string) => !LONE_SURROGATE.test(value);
const NOT_WELL_FORMED = 'contains characters that are not allowed.';

/** A strict object that also refuses inherited keys and non-plain objects. */
function plainObject<T extends z.ZodRawShape>(shape: T) {
  return z
    .custom<unknown>(isPlainObject, 'The request must be a plain object.')
    .pipe(z.strictObject(shape));
}

const usernameSchema = z
  .string()
  .min(1, 'Enter your username.')
  .max(INPUT_LIMITS.username, `The username can be at most ${INPUT_LIMITS.username} characters.`)
  // Checked on the NFKC form (compatibility characters folded), which is how the IdP or a later
  // comparison may see it: what is refused cannot be smuggled in as a compatibility variant.
  .refine(
    (value) => wellFormed(value) && !INVISIBLE.test(value.normalize('NFKC')),
    'The username contains characters that are not allowed.',
  )
  .refine((value) => value.trim().length > 0, 'Enter your username.');

const passwordSchema = z
  .string()
  .min(1, 'Enter your password.')
  .max(INPUT_LIMITS.password, `The password can be at most ${INPUT_LIMITS.password} characters.`)
  // No keyboard types a control character into a password field; NUL in particular truncates in native code.
  .refine((value) => !CONTROL_CHARACTERS.test(value) && wellFormed(value), `The password ${NOT_WELL_FORMED}`);

const noPayload = z.undefined({ error: 'This action takes no data.' });

const fieldValue = z.union([
  z
    .string()
    .max(INPUT_LIMITS.fieldValue, `A value can be at most ${INPUT_LIMITS.fieldValue} characters.`)
    .refine((value) => !CONTROL_CHARACTERS.test(value) && wellFormed(value), `A value ${NOT_WELL_FORMED}`),
  z.boolean(),
]);

const fieldName = z
  .string()
  .min(1)
  .max(INPUT_LIMITS.fieldName)
  .regex(/^[A-Za-z0-9_.-]+$/, 'A field name is not valid.')
  .refine((name) => !RESERVED_KEYS.has(name), 'A field name is not valid.');

/**
 * The field map. zod's record silently drops an own `__proto__` key, so the raw keys are checked
 * first: a field the renderer sent must be either accepted or rejected, never lost.
 */
const fieldValues = z
  .custom<unknown>(isPlainObject, 'The values must be a plain object.')
  .refine((values) => Object.keys(values as object).length <= INPUT_LIMITS.fieldsPerStep, 'Too many fields.')
  .refine((values) => Object.keys(values as object).every((key) => !RESERVED_KEYS.has(key)), 'A field name is not valid.')
  .pipe(z.record(fieldName, fieldValue));

export const requestSchemas = {
  getState: noPayload,
  signIn: plainObject({ username: usernameSchema, password: passwordSchema }),
  proceed: plainObject({
    step: z.string().min(1).max(INPUT_LIMITS.stepName).regex(/^[a-z0-9-]+$/, 'The step name is not valid.'),
    values: fieldValues,
  }),
  skip: noPayload,
  resend: noPayload,
  chooseAnother: noPayload,
  signInWithBrowser: plainObject({
    idp: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'The identity provider is not valid.').optional(),
  }),
  reopenBrowser: noPayload,
  recoverPassword: plainObject({ username: usernameSchema.optional() }),
  unlockAccount: plainObject({ username: usernameSchema.optional() }),
  register: noPayload,
  cancel: noPayload,
  abortCall: noPayload,
  signOut: noPayload,
  refreshProfile: noPayload,
  getTasks: noPayload,
  getBranding: noPayload,
  checkConfiguration: noPayload,
  openConfigurationFolder: noPayload,
} as const satisfies { [M in BridgeMethod]: z.ZodType<BridgeMethods[M]['request']> };

/** A validated call of method `M`. */
export interface ParsedRequestOf<M extends BridgeMethod> {
  readonly ok: true;
  readonly method: M;
  readonly request: BridgeMethods[M]['request'];
}

/** A validated call of any method, discriminated by `method`. */
export type ParsedRequest = { [M in BridgeMethod]: ParsedRequestOf<M> }[BridgeMethod];

const methodByChannel = new Map<string, BridgeMethod>(
  Object.entries(CHANNELS).map(([method, channel]) => [channel, method as BridgeMethod]),
);

const MAX_MESSAGE = 160;
/** zod names unknown keys in its message: bound it and drop characters that could spoof the UI. */
function printable(message: string): string {
  const clean = message.replace(new RegExp(`${INVISIBLE.source}|${LONE_SURROGATE.source}`, 'gu'), '?');
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE - 1)}…` : clean;
}

/** Finds the method for `channel` and validates `payload`; never throws. */
export function parseRequest(channel: unknown, payload: unknown): ParsedRequest | { readonly ok: false; readonly error: BridgeError } {
  const method = typeof channel === 'string' ? methodByChannel.get(channel) : undefined;
  if (!method) return { ok: false, error: { code: 'invalid-request', message: 'Unknown action.' } };
  const parsed = requestSchemas[method].safeParse(payload);
  if (!parsed.success) {
    // zod's messages name the field and the expected type; they never echo the value itself.
    // A failed parse always has at least one issue.
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.map(String).join('.').slice(0, 80)}: ` : '';
    const message = `${where}${issue.message}`;
    return { ok: false, error: { code: 'invalid-request', message: printable(message) } };
  }
  return { ok: true, method, request: parsed.data } as ParsedRequest;
}
