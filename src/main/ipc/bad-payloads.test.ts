/**
 * The renderer is untrusted. Every malformed payload below goes through `AuthApp.invoke` (what the
 * IPC handler forwards) against a running emulator and must come back as a typed BridgeError,
 * with no request to the IdP, no state change, no stored-session change, no event to the
 * renderer, and no property added to Object.prototype.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, INPUT_LIMITS, type AuthView, type BridgeErrorCode } from '../../shared/contract';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';

/**
 * `schema`: refused by validation in any state. `step`: valid shape, refused by the current step
 * (or as wrong-state when no step is current). `stale`: names a step that is not current.
 */
type Layer = 'schema' | 'step' | 'stale';
interface Row {
  readonly name: string;
  readonly channel: string;
  readonly payload: unknown;
  readonly layer: Layer;
}

const own = (json: string): unknown => JSON.parse(json); // JSON.parse makes __proto__ an own key
const pw = 'Secret-Value-9'; // must never be echoed in an error message
const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};
const manyFields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, 'v']));
const step = 'reenroll-authenticator';

const signIn = (name: string, payload: unknown): Row => ({ name: `signIn: ${name}`, channel: CHANNELS.signIn, payload, layer: 'schema' });
const proceed = (name: string, payload: unknown, layer: Layer = 'schema'): Row => ({ name: `proceed: ${name}`, channel: CHANNELS.proceed, payload, layer });

const recover = (name: string, payload: unknown): Row => ({ name: `recoverPassword: ${name}`, channel: CHANNELS.recoverPassword, payload, layer: 'schema' });

const unlock = (name: string, payload: unknown): Row => ({ name: `unlockAccount: ${name}`, channel: CHANNELS.unlockAccount, payload, layer: 'schema' });
const register = (name: string, payload: unknown): Row => ({ name: `register: ${name}`, channel: CHANNELS.register, payload, layer: 'schema' });

const ROWS: Row[] = [
  unlock('undefined', undefined),
  unlock('an extra key', { username: 'locked@example.com', authenticator: 'okta_email' }),
  unlock('username a number', { username: 42 }),
  unlock('username one over the limit', { username: 'a'.repeat(INPUT_LIMITS.username + 1) }),
  register('an object', { email: 'new@example.com' }),
  register('a string', 'new@example.com'),
  recover('undefined', undefined),
  recover('a string', 'alice@example.com'),
  recover('an extra key', { username: 'alice@example.com', password: pw }),
  recover('username a number', { username: 42 }),
  recover('username empty', { username: '' }),
  recover('username one over the limit', { username: 'a'.repeat(INPUT_LIMITS.username + 1) }),
  recover('username with a bidi override', { username: 'alice\u202e@example.com' }),
  signIn('undefined', undefined),
  signIn('null', null),
  signIn('a string', 'alice@example.com'),
  signIn('a number', 42),
  signIn('NaN', Number.NaN),
  signIn('a boolean', true),
  signIn('a function', () => credentials('alice@example.com')),
  signIn('an empty array', []),
  signIn('an array of the values', ['alice@example.com', pw]),
  signIn('a huge array', new Array(100_000).fill('alice@example.com')),
  signIn('an empty object', {}),
  signIn('missing password', { username: 'alice@example.com' }),
  signIn('missing username', { password: pw }),
  signIn('an extra key', { username: 'alice@example.com', password: pw, admin: true }),
  signIn('username a number', { username: 123, password: pw }),
  signIn('password a number', { username: 'alice@example.com', password: 123 }),
  signIn('username null', { username: null, password: pw }),
  signIn('password null', { username: 'alice@example.com', password: null }),
  signIn('password a boolean', { username: 'alice@example.com', password: true }),
  signIn('username an object', { username: { first: 'alice' }, password: pw }),
  signIn('username an array', { username: ['alice@example.com'], password: pw }),
  signIn('username a String object', { username: new String('alice@example.com'), password: pw }),
  signIn('username deeply nested', { username: nested(1000), password: pw }),
  signIn('username one over the limit', { username: 'a'.repeat(INPUT_LIMITS.username + 1), password: pw }),
  signIn('password one over the limit', { username: 'alice@example.com', password: 'p'.repeat(INPUT_LIMITS.password + 1) }),
  signIn('username of a megabyte', { username: 'a'.repeat(1_000_000), password: pw }),
  signIn('username with NUL', { username: 'alice\u0000@example.com', password: pw }),
  signIn('username with a newline (log injection)', { username: 'alice\n[auth] app.admin', password: pw }),
  signIn('username with an RTL override', { username: 'alice\u202e@example.com', password: pw }),
  signIn('username with a zero-width space', { username: 'ali\u200bce@example.com', password: pw }),
  signIn('username with a byte-order mark', { username: '\ufeffalice@example.com', password: pw }),
  // Invisible by Unicode property (Cf, Zl, Zp, default-ignorable), not only the listed ranges above.
  signIn('username with an Arabic letter mark (U+061C)', { username: 'alice\u061c@example.com', password: pw }),
  signIn('username with a line separator (U+2028)', { username: 'alice\u2028@example.com', password: pw }),
  signIn('username with a paragraph separator (U+2029)', { username: 'alice@example.com\u2029', password: pw }),
  signIn('username with a soft hyphen (U+00AD)', { username: 'ali\u00adce@example.com', password: pw }),
  signIn('username with a left-to-right isolate (U+2066)', { username: '\u2066alice@example.com', password: pw }),
  signIn('username with a Mongolian vowel separator (U+180E)', { username: 'alice\u180e@example.com', password: pw }),
  signIn('username with a tag character (U+E0041)', { username: 'alice\u{e0041}@example.com', password: pw }),
  signIn('username with a Hangul filler (U+3164)', { username: 'alice\u3164@example.com', password: pw }),
  signIn('username with a halfwidth Hangul filler (U+FFA0, NFKC: U+1160)', { username: 'alice\uffa0@example.com', password: pw }),
  signIn('username with a lone high surrogate', { username: 'alice\ud800@example.com', password: pw }),
  signIn('username with a lone low surrogate', { username: '\udc00alice@example.com', password: pw }),
  signIn('password with NUL', { username: 'alice@example.com', password: 'Pass\u0000word1' }),
  signIn('password with a lone surrogate', { username: 'alice@example.com', password: 'Pass\ud83dword1' }),
  signIn('empty username', { username: '', password: pw }),
  signIn('blank username', { username: '   ', password: pw }),
  signIn('empty password', { username: 'alice@example.com', password: '' }),
  signIn('own __proto__ key', own(`{"username":"alice@example.com","password":"${pw}","__proto__":{"polluted":true}}`)),
  signIn('own constructor key', own(`{"username":"a","password":"${pw}","constructor":{"prototype":{"polluted":true}}}`)),
  signIn('own prototype key', own(`{"username":"a","password":"${pw}","prototype":{"polluted":true}}`)),
  signIn('keys inherited from a prototype', Object.create({ username: 'alice@example.com', password: pw })),
  signIn('a class instance', new (class { username = 'alice@example.com'; password = pw })()),
  signIn('a Map', new Map([['username', 'alice@example.com'], ['password', pw]])),
  signIn('a Date', new Date()),

  proceed('undefined', undefined),
  proceed('an empty object', {}),
  proceed('missing values', { step }),
  proceed('missing step', { values: { newPassword: pw } }),
  proceed('step a number', { step: 7, values: {} }),
  proceed('step in capitals', { step: 'Reenroll-Authenticator', values: {} }),
  proceed('step with path characters', { step: '../identify', values: {} }),
  proceed('step one over the limit', { step: 'a'.repeat(INPUT_LIMITS.stepName + 1), values: {} }),
  proceed('step with NUL', { step: `${step}\u0000`, values: {} }),
  proceed('values an array', { step, values: [pw] }),
  proceed('values null', { step, values: null }),
  proceed('values a string', { step, values: pw }),
  proceed('values with an own __proto__ key', own(`{"step":"${step}","values":{"__proto__":{"polluted":true}}}`)),
  proceed('values with an own __proto__ string', own(`{"step":"${step}","values":{"__proto__":"x","newPassword":"${pw}"}}`)),
  proceed('values with a constructor key', own(`{"step":"${step}","values":{"constructor":"x"}}`)),
  proceed('values with a prototype key', own(`{"step":"${step}","values":{"prototype":"x"}}`)),
  proceed('top-level own __proto__ key', own(`{"step":"${step}","values":{},"__proto__":{"polluted":true}}`)),
  proceed('an extra top-level key', { step, values: { newPassword: pw }, force: true }),
  proceed('a nested value', { step, values: { newPassword: { value: pw } } }),
  proceed('a number value', { step, values: { newPassword: 5 } }),
  proceed('a null value', { step, values: { newPassword: null } }),
  proceed('an array value', { step, values: { newPassword: [pw] } }),
  proceed('one field over the limit', { step, values: manyFields(INPUT_LIMITS.fieldsPerStep + 1) }),
  proceed('a hundred thousand fields', { step, values: manyFields(100_000) }),
  proceed('a field name with a space', { step, values: { 'new Password': pw } }),
  proceed('a field name over the limit', { step, values: { ['f'.repeat(INPUT_LIMITS.fieldName + 1)]: pw } }),
  proceed('a value over the limit', { step, values: { newPassword: 'p'.repeat(INPUT_LIMITS.fieldValue + 1) } }),
  proceed('a value with NUL', { step, values: { newPassword: 'Brand-New\u0000Passw0rd' } }),
  proceed('a value with a lone surrogate', { step, values: { newPassword: 'Brand-New\udfffPassw0rd' } }),
  proceed('values inherited from a prototype', { step, values: Object.create({ newPassword: pw }) }),
  // Valid shapes that do not fit the current step.
  proceed('a field the step does not have', { step, values: { password: pw } }, 'step'),
  proceed('a boolean for a password field', { step, values: { newPassword: true } }, 'step'),
  proceed('no new password at all', { step, values: {} }, 'step'),
  proceed('a stale step', { step: 'identify', values: { username: 'alice@example.com', password: pw } }, 'stale'),
  proceed('a step never offered', { step: 'select-authenticator-authenticate', values: {} }, 'stale'),

  ...(['getState', 'skip', 'cancel', 'signOut', 'refreshProfile', 'getTasks', 'abortCall'] as const).flatMap((method) =>
    [{}, null, 'x', 0, false, [], own('{"__proto__":{"polluted":true}}')].map((payload): Row => ({
      name: `${method}: payload ${JSON.stringify(payload)}`,
      channel: CHANNELS[method],
      payload,
      layer: 'schema',
    })),
  ),

  ...['auth:unknown', '', 'AUTH:SIGN-IN', `${CHANNELS.signIn} `, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'signIn'].map(
    (channel): Row => ({ name: `unknown channel ${JSON.stringify(channel)}`, channel, payload: credentials('alice@example.com'), layer: 'schema' }),
  ),
  { name: 'a channel that is not a string', channel: 42 as unknown as string, payload: undefined, layer: 'schema' },
  { name: 'a channel that is null', channel: null as unknown as string, payload: undefined, layer: 'schema' },
];

const prototypeKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
const PROTOTYPE_KEYS = prototypeKeys();
// Anything C0/C1, bidi or zero-width in an error message could spoof the UI or a log line.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

interface Scenario {
  readonly title: string;
  /** Brings the app into the state the rows are sent in. */
  readonly enter: (h: AppHarness) => Promise<AuthView>;
  readonly stepLayerCode: BridgeErrorCode;
  /** A valid call afterwards: proves the rejected calls left the session usable. */
  readonly thenWorks: (h: AppHarness) => Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    title: 'mid sign-in (expired password step)',
    enter: (h) => h.view(CHANNELS.signIn, credentials('expired@example.com')),
    stepLayerCode: 'invalid-request',
    async thenWorks(h) {
      expect(await h.view(CHANNELS.proceed, { step, values: { newPassword: 'Brand-New-Passw0rd!' } })).toMatchObject({ status: 'signed-in' });
    },
  },
  {
    title: 'signed in, with a stored session',
    enter: (h) => h.view(CHANNELS.signIn, credentials('alice@example.com')),
    stepLayerCode: 'wrong-state',
    async thenWorks(h) {
      expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' } });
    },
  },
];

describe.each(SCENARIOS)('bad payloads $title', (scenario) => {
  let h: AppHarness;
  let before: AuthView;

  beforeAll(async () => {
    h = await startHarness();
    before = await scenario.enter(h);
  });
  afterAll(async () => {
    await scenario.thenWorks(h);
    await h.close();
  });

  it.each(ROWS)('$name', async (row) => {
    const storeBefore = h.snapshotStore();
    const countsBefore = h.idp.counts();
    const eventsBefore = h.events.length;

    const result = await h.app.invoke(row.channel, row.payload);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = { schema: 'invalid-request', step: scenario.stepLayerCode, stale: 'wrong-state' } as const;
    expect(result.error.code).toBe(expected[row.layer]);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.message.length).toBeLessThanOrEqual(160);
    expect(result.error.message).not.toMatch(UNPRINTABLE);
    expect(result.error.message).not.toContain(pw);
    expect(await h.state()).toEqual(before);
    expect(h.snapshotStore()).toEqual(storeBefore);
    expect(h.idp.counts()).toEqual(countsBefore);
    expect(h.events.length).toBe(eventsBefore);
    expect(prototypeKeys()).toEqual(PROTOTYPE_KEYS);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('calls in the wrong state', () => {
  const cases: Array<{ state: string; enter: (h: AppHarness) => Promise<unknown>; calls: Array<[string, unknown?]> }> = [
    {
      state: 'signed out',
      enter: async () => {},
      calls: [
        [CHANNELS.proceed, { step: 'identify', values: { username: 'alice@example.com', password: pw } }],
        [CHANNELS.skip],
        [CHANNELS.signOut],
        [CHANNELS.refreshProfile],
      ],
    },
    {
      state: 'at a step that cannot be skipped',
      enter: (h) => h.view(CHANNELS.signIn, credentials('expired@example.com')),
      calls: [[CHANNELS.skip], [CHANNELS.signOut], [CHANNELS.refreshProfile]],
    },
    {
      state: 'signed in',
      enter: (h) => h.view(CHANNELS.signIn, credentials('alice@example.com')),
      calls: [[CHANNELS.signIn, credentials('alice@example.com')], [CHANNELS.proceed, { step: 'identify', values: {} }], [CHANNELS.skip], [CHANNELS.cancel]],
    },
  ];

  it.each(cases)('$state: refused as wrong-state, nothing changes', async ({ enter, calls }) => {
    const h = await startHarness();
    try {
      await enter(h);
      const before = await h.state();
      const storeBefore = h.snapshotStore();
      const countsBefore = h.idp.counts();
      for (const [channel, payload] of calls) {
        expect(await h.app.invoke(channel, payload), channel).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
      }
      expect(await h.state()).toEqual(before);
      expect(h.snapshotStore()).toEqual(storeBefore);
      expect(h.idp.counts()).toEqual(countsBefore);
    } finally {
      await h.close();
    }
  });
});

describe('calls racing each other', () => {
  it('while a sign-in runs, every other action is busy and changes nothing', async () => {
    const h = await startHarness();
    try {
      const others = [CHANNELS.signIn, CHANNELS.proceed, CHANNELS.skip, CHANNELS.cancel, CHANNELS.signOut, CHANNELS.refreshProfile];
      const payloads: Record<string, unknown> = {
        [CHANNELS.signIn]: credentials('mfa@example.com'),
        [CHANNELS.proceed]: { step: 'identify', values: { username: 'x', password: 'y' } },
      };
      const [first, ...rest] = await Promise.all([
        h.app.invoke(CHANNELS.signIn, credentials('alice@example.com')),
        ...others.map((channel) => h.app.invoke(channel, payloads[channel])),
      ]);
      expect(first).toMatchObject({ ok: true, value: { status: 'signed-in', profile: { email: 'alice@example.com' } } });
      for (const result of rest) expect(result).toMatchObject({ ok: false, error: { code: 'busy' } });
      expect(h.idp.counts().interact).toBe(1);
      expect(await h.state()).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' } });
    } finally {
      await h.close();
    }
  });

  it('twenty rapid sign-in clicks while the IdP is slow start one transaction', async () => {
    const h = await startHarness();
    try {
      h.idp.faults.set('identify', { kind: 'latency', ms: 200, times: 1 });
      const first = h.app.invoke(CHANNELS.signIn, credentials('alice@example.com'));
      const repeats: Array<Promise<unknown>> = [];
      // Spread over the slow answer, one per turn of the event loop, like repeated clicks.
      for (let i = 0; i < 20; i += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        repeats.push(h.app.invoke(CHANNELS.signIn, credentials('alice@example.com')));
      }
      expect(await first).toMatchObject({ ok: true, value: { status: 'signed-in' } });
      // Busy while the first runs; a click that lands after it finished finds the user signed in.
      for (const result of await Promise.all(repeats)) {
        expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(busy|wrong-state)$/) } });
      }
      expect(h.idp.counts().interact).toBe(1);
      expect(h.idp.counts().token).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('a sign-out racing a profile refresh: one runs, the other is busy, the vault ends consistent', async () => {
    const h = await startHarness();
    try {
      await h.view(CHANNELS.signIn, credentials('alice@example.com'));
      const [signOut, refresh] = await Promise.all([h.app.invoke(CHANNELS.signOut, undefined), h.app.invoke(CHANNELS.refreshProfile, undefined)]);
      expect(signOut).toMatchObject({ ok: true, value: { status: 'signed-out' } });
      expect(refresh).toMatchObject({ ok: false, error: { code: 'busy' } });
      expect(h.store.entries.size).toBe(0);
    } finally {
      await h.close();
    }
  });
});
