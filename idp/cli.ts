/** `npm run idp -- --port 8787`: runs the emulator until SIGINT/SIGTERM. See `--help`. */
import { CLI_USAGE, parseCliArgs } from './cli-args';
import { DEMO_USERS_FILE, loadUsersFile, startIdp } from './index';

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
    idp = await startIdp({ ...options, log: quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`) });
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
  admin:         ${idp.origin}/__admin/faults, ${idp.origin}/__admin/counts
  admin token:   ${idp.adminToken}   (send it as: Authorization: Bearer <token>)
  accounts:`);
  for (const user of users) console.log(`    ${user.login.padEnd(26)} ${user.status}${user.factors.length > 1 ? ' (MFA required)' : ''}`);
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
