/** `npm run idp -- --port 8787`: runs the emulator until SIGINT/SIGTERM. See `--help`. */
import { CLI_USAGE, parseCliArgs } from './cli-args';
import { DEMO_USERS_FILE, loadUsersFile, startIdp, type IdpUser } from './index';
import { describeMessage } from './admin/outbox';

/** "MFA: Email, Phone; enrolls Google Authenticator" — what signing in as this user will ask for. */
function summary(user: IdpUser): string {
  const enrolled = [...new Set([...Object.keys(user.authenticators ?? {}), ...user.factors.filter((f) => f !== 'password')])];
  const parts: string[] = [];
  if (enrolled.length > 0 && user.policy?.secondFactor !== 'none') parts.push(`MFA: ${enrolled.join(', ')}`);
  const { required = [], optional = [] } = user.policy?.enroll ?? {};
  if (required.length > 0) parts.push(`must enroll: ${required.join(', ')}`);
  if (optional.length > 0) parts.push(`may enroll: ${optional.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    console.log(CLI_USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`idp: ${parsed.message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  const { options, quiet } = parsed;
  let users;
  try {
    users = loadUsersFile(options.usersFile ?? DEMO_USERS_FILE);
  } catch (err) {
    console.error(`idp: ${(err as Error).message}`);
    process.exit(2);
  }
  let idp;
  try {
    idp = await startIdp({
      ...options,
      log: quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
      // Codes and links are printed even with --quiet: without them nobody could finish an MFA step.
      onOutbox: (message) => console.log(describeMessage(message)),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(`idp: cannot start: ${code === 'EADDRINUSE' ? `port ${options.port} is already in use` : (err as Error).message}`);
    process.exit(code === 'EADDRINUSE' ? 1 : 2);
  }

  console.log(`Okta emulator running
  issuer:        ${idp.issuer}
  client id:     ${idp.clientId}
  redirect URI:  ${idp.redirectUri}
  policy:        ${options.policy ?? 'one-page'}
  admin:         ${idp.origin}/__admin/faults, /__admin/counts, /__admin/outbox, /__admin/push/{login}/approve
  admin token:   ${idp.adminToken}   (send it as: Authorization: Bearer <token>)${
    idp.api ? `\n  demo API:      ${idp.api.origin}/api/tasks   (access tokens of this org with scope ${idp.api.requiredScope})` : ''
  }
  accounts:`);
  for (const user of users) console.log(`    ${user.login.padEnd(26)} ${user.status}${summary(user)}`);
  console.log('  codes, links and pushes the org sends are printed below as "outbox:" lines.');
  if (idp.demoPassword) console.log(`  password (all demo accounts): ${idp.demoPassword}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    void idp.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
