/**
 * The users file's JSON Schema (draft 2020-12), generated from the zod schema the loader checks
 * with (users.ts), so an editor can validate and complete a users file. It describes the input
 * as written; what a schema cannot say (factors include "password", logins unique, groups named
 * in the file) the loader still checks. `npx tsx idp/org/users-schema.ts` writes idp/users.schema.json;
 * a test keeps the committed file equal to what this generates.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { usersFileSchema } from './users';

export const USERS_SCHEMA_FILE = fileURLToPath(new URL('../users.schema.json', import.meta.url));

export function usersJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(usersFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Okta emulator users file',
    description: 'Users, their authenticators and sign-in policies, groups, and the org\'s self-service policies (recovery, unlock, registration), for okta-idx-emulator (--users FILE). See its README.',
  };
}

export const usersSchemaText = (): string => `${JSON.stringify(usersJsonSchema(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync(USERS_SCHEMA_FILE, usersSchemaText());
