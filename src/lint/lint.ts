/**
 * The lint engine: parse every file (recovering from syntax errors), replay statement by statement
 * into a shadow database (a failure inside an explicit transaction rolls back to a savepoint, so
 * every failing statement is reported, not only the first), gather "did you mean" names at the
 * moment of failure, replay idempotent files a second time, then run the rules on what was learnt.
 * Rules are pure functions of that data.
 */
import { printable, quoteLiteral } from '../model/ident.js';
import { PLATFORM_SCHEMAS } from '../inspect/inspect.js';
import { readSourceText } from '../sources/text.js';
import { diff } from '../diff/diff.js';
import { nameSimilarity } from '../diff/renames.js';
import { severityRank, type Severity } from '../diff/types.js';
import { inspect } from '../inspect/inspect.js';
import { createShadow } from '../shadow/create.js';
import { statementTimeout, type Timeouts } from '../sources/timeouts.js';
import type { Shadow } from '../shadow/shadow.js';
import { findMigrations } from '../sources/migrations.js';
import { extensionsCreated, locateFailure, runStatement } from '../sources/replay.js';
import { loadParser, type SqlStatement } from '../sources/sql.js';
import { targetTable } from './ast.js';
import { parseWithRecovery } from './parse.js';
import { LINT_RULES } from './rules/index.js';
import type { IdempotencyResult, LintContext, LintFile, LintFinding, ReplayFailure } from './types.js';

export interface LintOptions {
  shadow?: string;
  supabase?: boolean;
  /** Check every file for idempotency, not only those that say they are. */
  idempotent?: boolean;
  exposedSchemas?: string[];
  levels?: Record<string, Severity | 'off'>;
  timeouts?: Partial<Timeouts>;
}

export interface LintResult {
  findings: LintFinding[];
  files: number;
  engine: string;
}

const IDEMPOTENT_MARK = /^\s*--.*\bidempotent\b/im;

/** The closest existing name to a missing one, for "did you mean". */
async function suggest(shadow: Shadow, failure: { message: string; code?: string }, stmt: SqlStatement): Promise<string | undefined> {
  const missing = /"([^"]+)"/.exec(failure.message)?.[1];
  if (!missing) return undefined;
  let sql: string | undefined;
  let params: unknown[] = [];
  // The platform's names (storage.buckets, auth.users) are offered only for a name qualified with its schema.
  const qualifier = missing.includes('.') ? missing.split('.')[0]! : undefined;
  const platform = PLATFORM_SCHEMAS.filter((x) => x !== qualifier).map(quoteLiteral).join(', ');
  const user = `n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and n.nspname not in (${platform})`;
  if (failure.code === '42P01') sql = `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r','p','v','m','f') and ${user}`;
  if (failure.code === '42703') {
    const rel = /of relation "([^"]+)"/.exec(failure.message)?.[1] ?? targetTable(stmt)?.relname;
    sql = `select a.attname as name from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
           where a.attnum > 0 and not a.attisdropped and ${user} and ($1::text is null or c.relname = $1)`;
    params = [rel ?? null];
  }
  if (failure.code === '42883') sql = `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${user} or n.nspname = 'pg_catalog'`;
  if (failure.code === '42704') sql = `select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${user} or n.nspname = 'pg_catalog'`;
  if (!sql) return undefined;
  const names = (await shadow.query(sql, params)).rows.map((r) => String(r.name));
  const name = missing.split('.').pop()!.replace(/\(.*$/, '');
  let best: string | undefined;
  let score = 0.5;
  for (const n of new Set(names)) {
    const s = nameSimilarity(name, n);
    if (n !== name && s > score) [best, score] = [n, s];
  }
  return best;
}

function transactionEffect(stmt: SqlStatement): 'begin' | 'end' | undefined {
  const kind = (stmt.node.TransactionStmt as { kind?: string } | undefined)?.kind;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') return 'end';
  return undefined;
}

/** Replay one file's statements; every failure is recorded and replay goes on. */
async function replayFile(shadow: Shadow, file: LintFile): Promise<ReplayFailure[]> {
  const failures: ReplayFailure[] = [];
  let inTransaction = false;
  for (const stmt of file.statements) {
    if (inTransaction) await shadow.exec('savepoint pgdrift_lint');
    const error = await runStatement(shadow, stmt);
    const effect = transactionEffect(stmt);
    if (effect === 'begin' && !error) inTransaction = true;
    if (effect === 'end') inTransaction = false;
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

export async function lintFolder(path: string, options: LintOptions = {}): Promise<LintResult> {
  await loadParser();
  const folder = findMigrations(path);
  const syntaxErrors: LintContext['syntaxErrors'] = [];
  const files: LintFile[] = folder.files.map((f) => {
    const text = readSourceText(f.path, f.path);
    const parsed = parseWithRecovery(f.path, text);
    syntaxErrors.push(...parsed.errors);
    return { ...f, text, statements: parsed.statements, idempotent: Boolean(options.idempotent) || IDEMPOTENT_MARK.test(text) };
  });
  const supabase = options.supabase ?? folder.layout === 'supabase';
  const shadow = await createShadow(options.shadow ?? 'pglite', { supabase, extensions: extensionsCreated(files), statementTimeout: statementTimeout(options.timeouts) });
  try {
    const replayFailures: ReplayFailure[] = [];
    const idempotency: IdempotencyResult[] = [];
    for (const file of files) {
      replayFailures.push(...(await replayFile(shadow, file)));
      // Run it again at once, in the state it left, as a re-run of the migration would.
      if (file.idempotent) idempotency.push(await replayAgain(shadow, file));
    }
    const schema = await inspect(shadow);
    const ctx: LintContext = { layout: folder.layout, files, skipped: folder.skipped, syntaxErrors, replayFailures, schema, idempotency, exposedSchemas: options.exposedSchemas ?? ['public'] };
    return { findings: runRules(ctx, options.levels ?? {}), files: files.length, engine: shadow.engine };
  } finally {
    await shadow.close();
  }
}

export function runRules(ctx: LintContext, levels: Record<string, Severity | 'off'>): LintFinding[] {
  const order = new Map(ctx.files.map((f, i) => [f.path, i]));
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    const level = levels[rule.id] ?? rule.severity;
    if (level === 'off') continue;
    for (const d of rule.check(ctx)) {
      findings.push({ kind: d.kind, rule: rule.id, object: d.object, severity: level, message: printable(d.message), file: d.file, line: d.line, column: d.column, ...(d.hint ? { hint: d.hint } : {}) });
    }
  }
  return findings.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.column - b.column || severityRank(b.severity) - severityRank(a.severity) || (a.rule < b.rule ? -1 : 1));
}
