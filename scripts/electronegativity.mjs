#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security linter) over the sources and, when built, the
 * bundles in out/ (what actually ships). Fails on any finding of MEDIUM severity or above that is
 * not in security/electronegativity-allowlist.json, where each accepted finding carries the
 * reason it was accepted. Also fails on allowlist entries that no longer match anything, so the
 * list cannot silently go stale.
 *
 * The scan runs offline: the tool's two network calls (refreshing its translations, downloading
 * Electron's release list for the "security fixes available" check) are replaced by an immediate
 * failure, and that check is skipped; `npm audit` and Electron upgrades cover it instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const ELECTRON_VERSION = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const ALLOWLIST_PATH = 'security/electronegativity-allowlist.json';
const INPUTS = ['src', 'out'].filter((dir) => existsSync(dir));
const FAIL_AT = 2; // electronegativity severity values: 0 informational, 1 low, 2 medium, 3 high

const require = createRequire(resolve('node_modules/@doyensec/electronegativity/package.json'));
const offline = Object.assign(() => Promise.reject(new Error('offline scan')), { head: () => Promise.reject(new Error('offline scan')) });
require.cache[require.resolve('got')] = { id: 'got', loaded: true, exports: offline };
const run = require('@doyensec/electronegativity');

/** @type {Array<{ id: string, file: string, reason: string }>} */
const allowlist = JSON.parse(readFileSync(ALLOWLIST_PATH, 'utf8'));
for (const entry of allowlist) {
  if (!entry.id || !entry.file || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
    console.error(`✗ ${ALLOWLIST_PATH}: every entry needs id, file and a reason (20+ characters): ${JSON.stringify(entry)}`);
    process.exit(1);
  }
}

// Tests and the Electron stand-in construct windows on purpose (with no webPreferences) and are
// never bundled (scripts/main-bundle.test.ts checks out/ holds no test code): not what ships.
const NOT_SHIPPED = /\.test\.[cm]?[jt]sx?$|^src\/main\/testing\//;

const findings = [];
for (const input of INPUTS) {
  const result = await run({
    input,
    electronVersionOverride: ELECTRON_VERSION,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
  });
  for (const error of result.errors ?? []) console.warn(`! ${input}: could not parse ${error.file ?? ''} ${error.message ?? ''}`);
  for (const issue of result.issues) {
    if (NOT_SHIPPED.test(`${input}/${issue.file}`)) continue;
    findings.push({
      id: issue.id,
      file: `${input}/${issue.file}`,
      line: issue.location?.line,
      severity: issue.severity.name,
      rank: issue.severity.value,
      description: issue.description,
    });
  }
}

const isAllowed = (f) => allowlist.some((entry) => entry.id === f.id && entry.file === f.file);
const blocking = findings.filter((f) => f.rank >= FAIL_AT && !isAllowed(f));
const accepted = findings.filter((f) => f.rank >= FAIL_AT && isAllowed(f));
const minor = findings.filter((f) => f.rank < FAIL_AT);
const stale = allowlist.filter((entry) => !findings.some((f) => f.id === entry.id && f.file === entry.file));

console.log(`Electronegativity (Electron ${ELECTRON_VERSION}) over ${INPUTS.join(', ')}: ${findings.length} findings`);
for (const f of accepted) console.log(`  accepted ${f.severity} ${f.id} ${f.file}:${f.line}`);
for (const f of minor) console.log(`  note     ${f.severity} ${f.id} ${f.file}:${f.line}`);
for (const f of blocking) console.log(`✗ ${f.severity} ${f.id} ${f.file}:${f.line} ${f.description}`);
for (const entry of stale) console.log(`✗ allowlist entry matches nothing (remove it): ${entry.id} ${entry.file}`);
console.log(`${blocking.length} blocking, ${accepted.length} accepted in ${ALLOWLIST_PATH}, ${minor.length} below MEDIUM, ${stale.length} stale allowlist entries`);
process.exit(blocking.length > 0 || stale.length > 0 ? 1 : 0);
