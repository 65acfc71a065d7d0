/**
 * electron-builder `afterSign` hook: notarises the signed macOS app with Apple's notary service.
 *
 * Runs only for macOS builds and only when APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID
 * are all set; otherwise it prints why it skipped, so an unsigned local build still succeeds and
 * a release build that forgot a variable says so. CommonJS because electron-builder require()s hooks.
 */
const { join } = require('node:path');

const REQUIRED = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];

/** @param {NodeJS.ProcessEnv} env @returns {string[]} the names that are missing or empty */
function missingCredentials(env) {
  return REQUIRED.filter((name) => !env[name] || !env[name].trim());
}

/** @param {import('app-builder-lib').AfterPackContext} context */
async function notarizeHook(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const missing = missingCredentials(process.env);
  if (missing.length === REQUIRED.length) {
    console.log('[notarize] skipped: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not set (unsigned local build).');
    return;
  }
  if (missing.length > 0) {
    // Some but not all: a release build with a typo must fail, not ship un-notarised.
    throw new Error(`[notarize] cannot notarise: ${missing.join(', ')} not set (all of ${REQUIRED.join(', ')} are needed).`);
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const { notarize } = await import('@electron/notarize');
  console.log(`[notarize] submitting ${appPath} …`);
  await notarize({
    appPath,
    appleId: process.env.APPLE_ID,
    appleIdPassword: process.env.APPLE_APP_SPECIFIC_PASSWORD,
    teamId: process.env.APPLE_TEAM_ID,
  });
  console.log('[notarize] done');
}

module.exports = notarizeHook;
module.exports.default = notarizeHook;
module.exports.missingCredentials = missingCredentials;
