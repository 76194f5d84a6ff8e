/**
 * The lint engine: parse every file (recovering from syntax errors), replay statement by statement
 * into a shadow database (a failure inside an explicit transaction rolls back to a savepoint, so
 * every failing statement is reported, not only the first), gather "did you mean" names at the
 * moment of failure, note what PostgreSQL did to each existing table a statement alters (probe.ts:
 * was it rewritten), replay idempotent files a second time, then run the rules on what was learnt.
 * Rules are pure functions of that data; `-- pgdrift-ignore` comments then mark what they suppress.
 */
import { printable } from '../model/ident.js';
import { readSourceText } from '../sources/text.js';
import { diff } from '../diff/diff.js';
import { severityRank, type Severity } from '../diff/types.js';
import { inspect } from '../inspect/inspect.js';
import { createShadow } from '../shadow/create.js';
import { statementTimeout, type Timeouts } from '../sources/timeouts.js';
import type { Shadow } from '../shadow/shadow.js';
import { findMigrations, type MigrationFolder } from '../sources/migrations.js';
import { extensionsCreated, locateFailure, runStatement } from '../sources/replay.js';
import { loadParser } from '../sources/sql.js';
import { transactionKind } from './ast.js';
import { parseWithRecovery } from './parse.js';
import { probeAfter, probeBefore } from './probe.js';
import { LINT_RULES } from './rules/index.js';
import { suggest } from './suggest.js';
import { applySuppressions } from './suppress.js';
import type { IdempotencyResult, LintContext, LintFile, LintFinding, ReplayFailure, StatementProbe } from './types.js';
import type { SqlStatement } from '../sources/sql.js';

export interface LintOptions {
  shadow?: string;
  supabase?: boolean;
  /** Check every file for idempotency, not only those that say they are. */
  idempotent?: boolean;
  exposedSchemas?: string[];
  levels?: Record<string, Severity | 'off'>;
  timeouts?: Partial<Timeouts>;
  /** Each file runs in one transaction (default: for Supabase and Prisma folders, whose tools run them so). */
  assumeInTransaction?: boolean;
  /** The PostgreSQL major version production runs (default: the shadow's). */
  pgVersion?: number;
}

export interface LintResult {
  findings: LintFinding[];
  files: number;
  engine: string;
}

const IDEMPOTENT_MARK = /^\s*--.*\bidempotent\b/im;

/** Replay one file's statements; every failure is recorded and replay goes on. */
async function replayFile(shadow: Shadow, file: LintFile, probes?: Map<SqlStatement, StatementProbe>): Promise<ReplayFailure[]> {
  const failures: ReplayFailure[] = [];
  let inTransaction = false;
  for (const stmt of file.statements) {
    if (inTransaction) await shadow.exec('savepoint pgdrift_lint');
    const before = probes && (await probeBefore(shadow, stmt));
    const error = await runStatement(shadow, stmt);
    const effect = transactionKind(stmt);
    if (effect === 'begin' && !error) inTransaction = true;
    if (effect === 'commit' || effect === 'rollback') inTransaction = false;
    if (before && !error) probes.set(stmt, await probeAfter(shadow, before));
    if (!error) continue;
    if (inTransaction) await shadow.exec('rollback to savepoint pgdrift_lint');
    const at = locateFailure(stmt, error, file.text);
    failures.push({ statement: stmt, message: error.message, code: error.code, line: at.line, column: at.column, suggestion: await suggest(shadow, error, stmt).catch(() => undefined) });
  }
  if (inTransaction) await shadow.exec('commit');
  return failures;
}

async function replayAgain(shadow: Shadow, file: LintFile): Promise<IdempotencyResult> {
  const before = await inspect(shadow);
  const failures = await replayFile(shadow, file);
  // Seen from the second run: what it added is extra, what it removed is missing.
  const changed = diff(await inspect(shadow), before)[0]?.message;
  return { file: file.path, failures, ...(changed ? { changed } : {}) };
}

/** The folder's files, parsed with recovery: a syntax error is reported and the rest still linted. */
export function readLintFiles(folder: MigrationFolder, options: Pick<LintOptions, 'idempotent'> = {}, only?: Set<string>): { files: LintFile[]; syntaxErrors: LintContext['syntaxErrors'] } {
  const syntaxErrors: LintContext['syntaxErrors'] = [];
  const files: LintFile[] = folder.files.filter((f) => !only || only.has(f.path)).map((f) => {
    const text = readSourceText(f.path, f.path);
    const parsed = parseWithRecovery(f.path, text);
    syntaxErrors.push(...parsed.errors);
    return { ...f, text, statements: parsed.statements, idempotent: Boolean(options.idempotent) || IDEMPOTENT_MARK.test(text) };
  });
  return { files, syntaxErrors };
}

export async function lintFolder(path: string, options: LintOptions = {}): Promise<LintResult> {
  await loadParser();
  const folder = findMigrations(path);
  const { files, syntaxErrors } = readLintFiles(folder, options);
  const supabase = options.supabase ?? folder.layout === 'supabase';
  const statements = files.reduce((n, f) => n + f.statements.length, 0);
  const shadow = await createShadow(options.shadow ?? 'pglite', { supabase, extensions: extensionsCreated(files), statementTimeout: statementTimeout(options.timeouts), statements });
  try {
    return await lintOnShadow(shadow, folder, files, syntaxErrors, options);
  } finally {
    await shadow.close();
  }
}

/**
 * Lint `files` of `folder` replayed on `shadow` as it stands (empty for a folder; a copy of a
 * database's schema for its pending migrations), leaving the shadow in the state they reach.
 */
export async function lintOnShadow(shadow: Shadow, folder: MigrationFolder, files: LintFile[], syntaxErrors: LintContext['syntaxErrors'], options: LintOptions = {}): Promise<LintResult> {
  const supabase = options.supabase ?? folder.layout === 'supabase';
  const assumeInTransaction = options.assumeInTransaction ?? (folder.layout === 'supabase' || folder.layout === 'prisma');
  const replayFailures: ReplayFailure[] = [];
  const idempotency: IdempotencyResult[] = [];
  const probes = new Map<SqlStatement, StatementProbe>();
  for (const file of files) {
    replayFailures.push(...(await replayFile(shadow, file, probes)));
    // Run it again at once, in the state it left, as a re-run of the migration would.
    if (file.idempotent) idempotency.push(await replayAgain(shadow, file));
  }
  const schema = await inspect(shadow);
  const pgVersion = options.pgVersion ?? Number((await shadow.query('show server_version_num')).rows[0]!.server_version_num) / 10000;
  const ctx: LintContext = {
    layout: folder.layout, files, skipped: folder.skipped, syntaxErrors, replayFailures, schema, idempotency,
    exposedSchemas: options.exposedSchemas ?? ['public'], supabase, assumeInTransaction, pgVersion: Math.floor(pgVersion), probes,
  };
  return { findings: runRules(ctx, options.levels ?? {}), files: files.length, engine: shadow.engine };
}

export function runRules(ctx: LintContext, levels: Record<string, Severity | 'off'>): LintFinding[] {
  const order = new Map(ctx.files.map((f, i) => [f.path, i]));
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    const level = levels[rule.id] ?? (rule.optIn ? 'off' : rule.severity);
    if (level === 'off') continue;
    for (const d of rule.check(ctx)) {
      findings.push({ kind: d.kind, rule: rule.id, object: d.object, severity: level, message: printable(d.message), file: d.file, line: d.line, column: d.column, ...(d.hint ? { hint: d.hint } : {}) });
    }
  }
  return applySuppressions(findings, ctx.files).sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.column - b.column || severityRank(b.severity) - severityRank(a.severity) || (a.rule < b.rule ? -1 : 1));
}
