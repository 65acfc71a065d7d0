/** Test helper: emulators a test starts are closed after it, whether it passed or not. */
import { afterEach } from 'vitest';
import { startIdp, type IdpOptions, type RunningIdp } from '../index';

/** Call at the top of a test file; the returned function starts an emulator for the current test. */
export function idpPerTest(): (options?: IdpOptions) => Promise<RunningIdp> {
  const started: RunningIdp[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((idp) => idp.close()));
  });
  return async (options = {}) => {
    const idp = await startIdp(options);
    started.push(idp);
    return idp;
  };
}
