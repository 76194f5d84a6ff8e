/** Linting a migrations folder written from a map of file names to SQL, as a real folder on disk. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFolder, runRules, type LintOptions } from '../../src/lint/lint.js';
import { parseWithRecovery } from '../../src/lint/parse.js';
import type { LintContext, LintFile, LintFinding } from '../../src/lint/types.js';
import { emptySchema } from '../../src/model/empty.js';
import { loadParser } from '../../src/sources/sql.js';
import { tempDir } from './temp.js';

/** Write the files under `<tmp>/<folder>` (default supabase/migrations) and lint that folder. */
export async function lint(files: Record<string, string>, options: LintOptions & { folder?: string } = {}): Promise<LintFinding[]> {
  const root = tempDir('pgdrift-lint-');
  const dir = join(root, options.folder ?? 'supabase/migrations');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return (await lintFolder(dir, options)).findings;
}

/** Findings of one rule, as `file-name:line:col`, checked to carry the rule's id and a message. */
export async function lintRule(rule: string, files: Record<string, string>, options: LintOptions & { folder?: string } = {}): Promise<{ at: string[]; findings: LintFinding[] }> {
  const findings = (await lint(files, options)).filter((f) => f.rule === rule);
  for (const f of findings) assert.ok(f.message.length > 15, f.message);
  return { at: findings.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column}`), findings };
}

/**
 * The rules alone, on files parsed but not replayed: for rules that read only the statements (locks,
 * transactions, style), so their cases need no database. Rules that ask replay (rewrites, checks) are
 * tested through `lint`.
 */
export async function lintStatements(files: Record<string, string>, options: { rules?: string[]; assumeInTransaction?: boolean; pgVersion?: number; layout?: LintContext['layout'] } = {}): Promise<LintFinding[]> {
  await loadParser();
  const parsed: LintFile[] = Object.entries(files).map(([name, text]) => ({ path: name, name, version: /^\d+/.exec(name)?.[0], text, statements: parseWithRecovery(name, text).statements, idempotent: false }));
  const ctx: LintContext = {
    layout: options.layout ?? 'plain', files: parsed, skipped: [], syntaxErrors: [], replayFailures: [], schema: emptySchema(), idempotency: [],
    exposedSchemas: ['public'], supabase: options.layout === 'supabase', assumeInTransaction: options.assumeInTransaction ?? false, pgVersion: options.pgVersion ?? 17, probes: new Map(),
  };
  const findings = runRules(ctx, Object.fromEntries((options.rules ?? []).map((r) => [r, 'warning'])));
  return options.rules ? findings.filter((f) => options.rules!.includes(f.rule)) : findings;
}

/** `file:line` of each finding, for compact assertions. */
export const places = (findings: LintFinding[]) => findings.map((f) => `${f.file.split('/').pop()}:${f.line}`);
