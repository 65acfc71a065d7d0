/**
 * `npm run preview:web -- --port N`: the app's UI in a browser at http://127.0.0.1:N/, backed by
 * the real main-process handlers in this Node process. Uses the org in OKTA_* (env or .env), or
 * starts the local emulator when none is set. Development only.
 */
import { parseArgs } from 'node:util';
import { startPreviewServer } from '../src/preview/server/preview-server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5174' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

let preview: Awaited<ReturnType<typeof startPreviewServer>>;
try {
  preview = await startPreviewServer({ port });
} catch (error) {
  // One clear line, as `npm run idp` gives, instead of a stack trace.
  const code = (error as NodeJS.ErrnoException).code;
  console.error(`preview:web: cannot start: ${code === 'EADDRINUSE' ? `port ${port} is already in use (choose another with --port N)` : (error as Error).message}`);
  process.exit(code === 'EADDRINUSE' ? 1 : 2);
}
console.log(`Web preview: ${preview.url}  (Ctrl+C to stop)`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await preview.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
