/**
 * An independent view of a schema: `pg_dump --schema-only` from Debian's postgresql-client, read as
 * a set of statements. Statement order, comments, session settings and column order inside CREATE
 * TABLE (a plan adds columns at the end) do not count; everything else does.
 */
import { spawnSync } from 'node:child_process';

/** The pg_dump on the PATH, or undefined when there is none (then the independent check is skipped). */
export const PG_DUMP = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).status === 0 ? 'pg_dump' : undefined;

export function dumpStatements(url: string): string[] {
  const run = spawnSync(PG_DUMP ?? 'pg_dump', ['--schema-only', '--no-owner', '-d', url], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pg_dump failed: ${run.stderr}`);
  return run.stdout
    .split(/;\n/)
    .map((s) => s.split('\n').filter((l) => l.trim() && !l.startsWith('--') && !l.startsWith('\\')).join('\n').trim())
    .filter((s) => s && !/^(SET |SELECT pg_catalog\.set_config)/.test(s))
    .map((s) => (s.startsWith('CREATE TABLE') || s.startsWith('CREATE UNLOGGED TABLE') ? s.split('\n').map((l) => l.replace(/,$/, '')).sort().join('\n') : s))
    .sort();
}

/** Statements only one of the two dumps has. */
export function dumpDifference(actual: string[], expected: string[]): { extra: string[]; missing: string[] } {
  return { extra: actual.filter((s) => !expected.includes(s)), missing: expected.filter((s) => !actual.includes(s)) };
}
