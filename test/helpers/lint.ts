/** Linting a migrations folder written from a map of file names to SQL, as a real folder on disk. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFolder, type LintOptions } from '../../src/lint/lint.js';
import type { LintFinding } from '../../src/lint/types.js';
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
