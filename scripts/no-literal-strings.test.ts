/**
 * Lint-style: no user-facing words written into the code instead of the catalog. In the renderer,
 * no JSX text with letters and no letters in a string given to a prop a person reads (title,
 * label, alt, aria-label...). In main, no string literal as the `text`, `title`, `description` or
 * `label` of what it sends. The pseudo-locale journey (e2e/pseudo-locale.spec.ts) checks the screen.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import english from '../src/shared/i18n/catalog/en.json' with { type: 'json' };

const repo = resolve(import.meta.dirname, '..');
const LETTER = /\p{L}/u;
/** Props whose string a person reads or hears. */
const READ_PROPS = new Set(['title', 'intro', 'label', 'alt', 'aria-label', 'placeholder', 'actionLabel', 'aria-description']);
/** What main sends to be read, in views and messages. */
const SENT_PROPERTIES = new Set(['text', 'title', 'description', 'label']);

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes(`${join('src', 'main', 'testing')}`));
}

const isLiteral = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);

const literalText = (node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string =>
  ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : node.text;

function findings(path: string, visit: (node: ts.Node) => string | undefined): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const walk = (node: ts.Node): void => {
    const problem = visit(node);
    if (problem !== undefined) found.push(`${relative(repo, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${problem}`);
    ts.forEachChild(node, walk);
  };
  walk(source);
  return found;
}

/** JSX text, or a read prop's literal value (`title="Sign in"`, `label={'Name'}`). */
export function rendererLiterals(path: string): string[] {
  return findings(path, (node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) return `JSX text "${node.text.trim()}"`;
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText())) {
      const value = node.initializer && ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      if (value && isLiteral(value) && LETTER.test(literalText(value))) return `${node.name.getText()}="${literalText(value)}"`;
    }
    return undefined;
  });
}

/** `{ text: 'Words' }` and the like in main. */
export function mainLiterals(path: string): string[] {
  return findings(path, (node) => {
    if (!ts.isPropertyAssignment(node) || !SENT_PROPERTIES.has(node.name.getText())) return undefined;
    const value = node.initializer;
    if (!isLiteral(value) || Object.hasOwn(english, literalText(value))) return undefined;
    return LETTER.test(literalText(value)) ? `${node.name.getText()}: "${literalText(value)}"` : undefined;
  });
}

describe('user-facing strings come from the catalog', () => {
  const rendererFiles = files(resolve(repo, 'src/renderer/src'), /\.tsx$/);
  const mainFiles = files(resolve(repo, 'src/main'), /\.ts$/);

  it('the renderer writes none of its own', () => {
    expect(rendererFiles.length).toBeGreaterThan(20);
    expect(rendererFiles.flatMap(rendererLiterals)).toEqual([]);
  });

  it('main sends none of its own in views and messages', () => {
    expect(mainFiles.length).toBeGreaterThan(40);
    expect(mainFiles.flatMap(mainLiterals)).toEqual([]);
  });

  // Positive controls: an empty [] above proves nothing unless the detectors do find a planted word.
  it('the detectors find planted words (and leave catalog ids, symbols and other props alone)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'literals-'));
    const tsx = join(dir, 'Planted.tsx');
    writeFileSync(tsx, `export const A = () => <p title="Sign in" className="x">Hello {'·'}<img alt={'Logo'} /><b>→</b></p>;\n`);
    expect(rendererLiterals(tsx)).toEqual([`${relative(repo, tsx)}:1: title="Sign in"`, `${relative(repo, tsx)}:1: JSX text "Hello"`, `${relative(repo, tsx)}:1: alt="Logo"`]);
    const main = join(dir, 'planted.ts');
    writeFileSync(main, `export const v = { text: 'Try again', title: 'failure.network', label: \`Code \${1}\`, status: 'Word', description: '—' };\n`);
    expect(mainLiterals(main)).toEqual([`${relative(repo, main)}:1: text: "Try again"`, `${relative(repo, main)}:1: label: "Code  "`]);
  });
});
