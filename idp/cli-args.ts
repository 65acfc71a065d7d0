/** Parses `okta-idx-emulator ...` (`npm run idp -- ...`) arguments into startIdp options (kept apart from the process glue so it can be tested). */
import { parseArgs } from 'node:util';
import type { IdpOptions } from './types';
import { MAX_PASSWORD_HASH_COST } from './org/users';
import type { SelfServiceKey } from './idx/self-service';

export const CLI_USAGE = `Usage: okta-idx-emulator [options]      (in its repository: npm run idp -- [options])

Serves a local Okta Identity Engine org on 127.0.0.1 (issuer http://127.0.0.1:PORT/oauth2/default).

Options:
  --port N                  port to listen on (default 8787; 0 = any free port)
  --client-id ID            OIDC client id (default desktop-app-client)
  --redirect-uri URI        registered redirect URI (default com.example.desktop:/callback)
  --users FILE              users file (default: the demo users; format in the README, schema users.schema.json)
  --policy P                one-page (default) or identifier-first
  --lockout N               wrong passwords before an account locks (default 5)
  --access-token-ttl S      access token lifetime in seconds (default 3600)
  --id-token-ttl S          id token lifetime in seconds (default 3600)
  --refresh-token-ttl S     refresh token lifetime in seconds (default 604800)
  --transaction-ttl S       sign-in transaction lifetime in seconds (default 600)
  --passcode-ttl S          lifetime of emailed/texted codes and their links in seconds (default 300)
  --resend-cooldown S       seconds before "send again" sends another code (default 30)
  --identity-provider       the org has the stand-in identity provider "Example Partner" (browser sign-in)
  --api-port N              port of the demo API beside the org (default 0 = any free port)
  --no-api                  start no demo API
  --recovery LIST           "Forgot password?" by: email, phone, email,phone, or none (default: users file, else email,phone)
  --recovery-signs-in yes|no  after a reset, sign the person in (yes, default) or ask them to sign in again (no)
  --unlock LIST             "Unlock account" by: email, phone, email,phone, or none (default: users file, else none)
  --registration MODE       "Sign up": off, on, or activate-by-email (the form is the users file's, else
                            first name, last name, email; default: users file, else off)
  --password-hash-cost N    scrypt cost of password checks as log2(N), 1-16 (default 4: cheap, for
                            tests and benchmarks; 14 = Node's default, ~25 ms a check, like a real org)
  --quiet                   do not log requests' outcomes
  -h, --help                show this help`;

export type CliParse =
  | { kind: 'run'; options: IdpOptions; quiet: boolean }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

const INTEGER_FLAGS = {
  lockout: 'lockoutThreshold',
  'access-token-ttl': 'accessTokenTtlSeconds',
  'id-token-ttl': 'idTokenTtlSeconds',
  'refresh-token-ttl': 'refreshTokenTtlSeconds',
  'transaction-ttl': 'transactionTtlSeconds',
  'passcode-ttl': 'passcodeTtlSeconds',
  'resend-cooldown': 'resendCooldownSeconds',
  'password-hash-cost': 'passwordHashCost',
} as const;

export const DEFAULT_CLI_PORT = 8787;

const SELF_SERVICE_NAMES: Record<string, SelfServiceKey> = { email: 'okta_email', phone: 'phone_number' };
const REGISTRATION_MODES = { off: false, on: {}, 'activate-by-email': { activation: 'email' } } as const;

/** `email,phone` → the authenticator keys, `none` → []; undefined for anything else. */
function selfServiceList(raw: string): SelfServiceKey[] | undefined {
  if (raw === 'none') return [];
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => !Object.hasOwn(SELF_SERVICE_NAMES, name)) || new Set(names).size !== names.length) return undefined;
  return names.map((name) => SELF_SERVICE_NAMES[name]!);
}

export function parseCliArgs(argv: string[]): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'client-id': { type: 'string' },
        'redirect-uri': { type: 'string' },
        users: { type: 'string' },
        policy: { type: 'string' },
        lockout: { type: 'string' },
        'access-token-ttl': { type: 'string' },
        'id-token-ttl': { type: 'string' },
        'refresh-token-ttl': { type: 'string' },
        'transaction-ttl': { type: 'string' },
        'passcode-ttl': { type: 'string' },
        'resend-cooldown': { type: 'string' },
        'password-hash-cost': { type: 'string' },
        'identity-provider': { type: 'boolean' },
        'api-port': { type: 'string' },
        'no-api': { type: 'boolean' },
        recovery: { type: 'string' },
        'recovery-signs-in': { type: 'string' },
        unlock: { type: 'string' },
        registration: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
  if (values.help) return { kind: 'help' };

  const options: IdpOptions = {};
  const port = values.port ?? String(DEFAULT_CLI_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return { kind: 'error', message: `--port must be 0-65535 (got "${port}")` };
  options.port = Number(port);
  for (const [flag, key] of Object.entries(INTEGER_FLAGS) as Array<[keyof typeof INTEGER_FLAGS, (typeof INTEGER_FLAGS)[keyof typeof INTEGER_FLAGS]]>) {
    const raw = values[flag];
    if (raw === undefined) continue;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return { kind: 'error', message: `--${flag} must be a whole number >= 1 (got "${raw}")` };
    options[key] = Number(raw);
  }
  if ((options.passwordHashCost ?? 1) > MAX_PASSWORD_HASH_COST) {
    return { kind: 'error', message: `--password-hash-cost must be 1-${MAX_PASSWORD_HASH_COST} (got "${values['password-hash-cost']}")` };
  }
  if (values.policy !== undefined) {
    if (values.policy !== 'one-page' && values.policy !== 'identifier-first') {
      return { kind: 'error', message: `--policy must be one-page or identifier-first (got "${values.policy}")` };
    }
    options.policy = values.policy;
  }
  if (values['client-id'] !== undefined) {
    if (!values['client-id'].trim()) return { kind: 'error', message: '--client-id must not be empty' };
    options.clientId = values['client-id'];
  }
  if (values['redirect-uri'] !== undefined) {
    try {
      new URL(values['redirect-uri']);
    } catch {
      return { kind: 'error', message: `--redirect-uri must be an absolute URI (got "${values['redirect-uri']}")` };
    }
    options.redirectUri = values['redirect-uri'];
  }
  if (values.users !== undefined) options.usersFile = values.users;
  if (values['identity-provider']) options.identityProvider = true;
  if (values['no-api']) {
    if (values['api-port'] !== undefined) return { kind: 'error', message: '--api-port and --no-api cannot be used together' };
    options.api = false;
  } else if (values['api-port'] !== undefined) {
    const apiPort = values['api-port'];
    if (!/^\d{1,5}$/.test(apiPort) || Number(apiPort) > 65535) return { kind: 'error', message: `--api-port must be 0-65535 (got "${apiPort}")` };
    options.api = { port: Number(apiPort) };
  }
  for (const [flag, key] of [
    ['recovery', 'recoveryAuthenticators'],
    ['unlock', 'unlockAuthenticators'],
  ] as const) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const list = selfServiceList(raw);
    if (!list) return { kind: 'error', message: `--${flag} must be email, phone, email,phone or none (got "${raw}")` };
    options[key] = list;
  }
  const signsIn = values['recovery-signs-in'];
  if (signsIn !== undefined) {
    if (signsIn !== 'yes' && signsIn !== 'no') return { kind: 'error', message: `--recovery-signs-in must be yes or no (got "${signsIn}")` };
    options.recoverySignsIn = signsIn === 'yes';
  }
  const registration = values.registration;
  if (registration !== undefined) {
    if (!Object.hasOwn(REGISTRATION_MODES, registration)) return { kind: 'error', message: `--registration must be off, on or activate-by-email (got "${registration}")` };
    options.registration = REGISTRATION_MODES[registration as keyof typeof REGISTRATION_MODES];
  }
  return { kind: 'run', options, quiet: values.quiet ?? false };
}
