/** The users file's JSON Schema: generated from the loader's zod schema, committed, and true to the demo file. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS_FILE } from '../org/users';
import { USERS_SCHEMA_FILE, usersSchemaText } from '../org/users-schema';

const schema = JSON.parse(readFileSync(USERS_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const demo = JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8')) as { users: Array<Record<string, unknown>> };

describe('users.schema.json', () => {
  it('is what the zod schema generates (run `npx tsx idp/org/users-schema.ts` after changing users.ts)', () => {
    expect(readFileSync(USERS_SCHEMA_FILE, 'utf8')).toBe(usersSchemaText());
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Okta emulator users file' });
  });

  it('accepts the demo users file, and a $schema key pointing at it', () => {
    expect(validate(demo), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ $schema: './users.schema.json', ...demo })).toBe(true);
  });

  it('refuses what the loader refuses: a missing password, an unknown status, a bad TOTP secret', () => {
    const alice = demo.users[0]!;
    const { password: _password, ...noPassword } = alice;
    expect(validate({ users: [noPassword] })).toBe(false);
    expect(validate({ users: [{ ...alice, status: 'HAPPY' }] })).toBe(false);
    expect(validate({ users: [{ ...alice, authenticators: { google_otp: { secret: 'not base32!' } } }] })).toBe(false);
    expect(validate({})).toBe(false);
  });
});
