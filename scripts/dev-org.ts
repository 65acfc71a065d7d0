/**
 * Which Okta org a development run talks to: the one in OKTA_* (environment or .env), or, when
 * none is configured, a local emulator started here. Used by `npm start` and `npm run preview:web`;
 * never part of a released build.
 */
import { resolve } from 'node:path';
import { DEFAULT_SCOPES, loadDotEnv } from '../src/main/config/okta-config';
import { startIdp, type RunningIdp } from '../idp/index';
import { describeMessage } from '../idp/admin/outbox';

export interface DevOrg {
  env: Record<string, string | undefined>;
  idp?: RunningIdp;
  close(): Promise<void>;
}

export interface ResolveDevOrgOptions {
  dotEnvPath?: string;
  /** Port for the emulator when one is started; 0 picks a free one. */
  idpPort?: number;
  log?: (line: string) => void;
}

export async function resolveDevOrg(
  env: NodeJS.ProcessEnv = process.env,
  { dotEnvPath = resolve('.env'), idpPort = 0, log = console.log }: ResolveDevOrgOptions = {},
): Promise<DevOrg> {
  // Real environment wins over .env, as with dotenv.
  const merged: Record<string, string | undefined> = { ...loadDotEnv(dotEnvPath), ...env };
  if (merged.OKTA_ISSUER) {
    log(`Okta org: ${merged.OKTA_ISSUER}`);
    return { env: merged, close: async () => {} };
  }
  // What the emulated org "sends" (email and SMS codes, links, pushes) is printed here, so a person
  // at the window can finish every second factor: the codes are the demo's, not anyone's secret.
  // With the stand-in identity provider, so "Sign in with Example Partner" can be tried in the browser sign-in.
  const idp = await startIdp({ port: idpPort, identityProvider: true, onOutbox: (message) => log(describeMessage(message)) });
  log(`No Okta org configured (OKTA_ISSUER is not set): using the local emulator at ${idp.issuer}`);
  log(`Demo sign-in: alice@example.com / ${idp.demoPassword ?? '(see idp/org/users.demo.json)'}; the other demo users are in the README.`);
  log(`Emulator admin: ${idp.origin}/__admin/faults, /__admin/counts, /__admin/outbox (Authorization: Bearer ${idp.adminToken})`);
  // The home screen's panel reads the demo API with the signed-in session: its URL, and its scope asked for.
  const api = idp.api ? { OKTA_API_URL: idp.api.origin, OKTA_SCOPES: merged.OKTA_SCOPES ?? `${DEFAULT_SCOPES} ${idp.api.requiredScope}` } : {};
  if (idp.api) log(`Demo API: ${idp.api.origin}/api/tasks (accepts this org's access tokens with scope ${idp.api.requiredScope})`);
  log(`Codes and links the org sends are printed below. Answer an Okta Verify push with:`);
  log(`  curl -X POST -H 'Authorization: Bearer ${idp.adminToken}' ${idp.origin}/__admin/push/<login>/approve`);
  return {
    env: {
      ...merged,
      OKTA_ISSUER: idp.issuer,
      OKTA_CLIENT_ID: idp.clientId,
      OKTA_REDIRECT_URI: idp.redirectUri,
      ...api,
    },
    idp,
    close: () => idp.close(),
  };
}
