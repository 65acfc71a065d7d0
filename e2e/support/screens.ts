/**
 * Every screen a journey reaches is checked with axe-core and photographed: the PNG is a test
 * artifact (test-results/screens). With UPDATE_SCREENSHOTS=1 it also replaces the picture of the
 * same name in docs/screenshots, where there is one (the README's and docs' pictures; a new one
 * is added by copying it from the artifacts), so no run fills docs with every screen it passed.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const repo = resolve(import.meta.dirname, '../..');
const ARTIFACT_DIR = resolve(repo, 'test-results/screens');
const DOCS_DIR = resolve(repo, 'docs/screenshots');

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe-core violations').toEqual([]);
}

/** axe check plus a screenshot named `name` (kebab-case, used as the file name). */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await mkdir(ARTIFACT_DIR, { recursive: true });
  const artifact = resolve(ARTIFACT_DIR, `${name}.png`);
  // Animations off and caret hidden, so the same screen gives the same picture every run.
  await page.screenshot({ path: artifact, fullPage: true, animations: 'disabled', caret: 'hide' });
  const picture = resolve(DOCS_DIR, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1' && existsSync(picture)) await copyFile(artifact, picture);
}
