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

// C0 controls, DEL and C1 controls: invisible in a username and a classic spoofing/log-injection vector.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

const usernameSchema = z
  .string()
  .min(1, 'Enter your username.')
  .max(INPUT_LIMITS.username, `The username can be at most ${INPUT_LIMITS.username} characters.`)
  .refine((value) => !CONTROL_CHARACTERS.test(value), 'The username contains characters that are not allowed.')
  .refine((value) => value.trim().length > 0, 'Enter your username.');

const passwordSchema = z
  .string()
  .min(1, 'Enter your password.')
  .max(INPUT_LIMITS.password, `The password can be at most ${INPUT_LIMITS.password} characters.`);

const noPayload = z.undefined({ error: 'This action takes no data.' });

const fieldValue = z.union([
  z.string().max(INPUT_LIMITS.fieldValue, `A value can be at most ${INPUT_LIMITS.fieldValue} characters.`),
  z.boolean(),
]);

export const requestSchemas = {
  getState: noPayload,
  signIn: z.strictObject({ username: usernameSchema, password: passwordSchema }),
  proceed: z.strictObject({
    step: z.string().min(1).max(INPUT_LIMITS.stepName).regex(/^[a-z0-9-]+$/, 'The step name is not valid.'),
    values: z
      .record(z.string().min(1).max(INPUT_LIMITS.fieldName).regex(/^[A-Za-z0-9_.-]+$/, 'A field name is not valid.'), fieldValue)
      .refine((values) => Object.keys(values).length <= INPUT_LIMITS.fieldsPerStep, 'Too many fields.'),
  }),
  skip: noPayload,
  cancel: noPayload,
  signOut: noPayload,
  refreshProfile: noPayload,
} as const satisfies { [M in BridgeMethod]: z.ZodType<BridgeMethods[M]['request']> };

export type ParsedRequest = {
  [M in BridgeMethod]: { readonly ok: true; readonly method: M; readonly request: BridgeMethods[M]['request'] };
}[BridgeMethod];

const methodByChannel = new Map<string, BridgeMethod>(
  Object.entries(CHANNELS).map(([method, channel]) => [channel, method as BridgeMethod]),
);

/** Finds the method for `channel` and validates `payload`; never throws. */
export function parseRequest(channel: unknown, payload: unknown): ParsedRequest | { readonly ok: false; readonly error: BridgeError } {
  const method = typeof channel === 'string' ? methodByChannel.get(channel) : undefined;
  if (!method) return { ok: false, error: { code: 'invalid-request', message: 'Unknown action.' } };
  const parsed = requestSchemas[method].safeParse(payload);
  if (!parsed.success) {
    // zod's messages name the field and the expected type; they never echo the value itself.
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.').slice(0, 80)}: ` : '';
    const message = `${where}${issue?.message ?? 'The request is not valid.'}`;
    return { ok: false, error: { code: 'invalid-request', message } };
  }
  return { ok: true, method, request: parsed.data } as ParsedRequest;
}
