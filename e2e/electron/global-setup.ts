import { existsSync } from 'node:fs';
import { findElectronBinary, MAIN_ENTRY, NO_ELECTRON_REASON } from './electron-binary';

/** Says up front why the Electron journeys will be skipped, or stops early if the app is not built. */
export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (binary === undefined) {
    console.log(`Electron journeys skipped. ${NO_ELECTRON_REASON}.`);
    return;
  }
  if (!existsSync(MAIN_ENTRY)) {
    throw new Error(`${MAIN_ENTRY} is missing: run \`npm run build\` before \`npm run test:electron\`.`);
  }
  console.log(`Electron journeys use ${binary}`);
}
