/**
 * Applying a folder's pending migrations to a database, all or nothing, and recording them where the
 * folder's tool keeps its history (so that `supabase migration list` and `prisma migrate status` agree
 * afterwards).
 *
 * - The pending files run in one transaction with their history rows: a failure, or the process being
 *   killed, leaves the database exactly as it was. A file PostgreSQL cannot run in a transaction
 *   (CREATE INDEX CONCURRENTLY…) or that has its own BEGIN/COMMIT runs by itself, after the files before
 *   it are committed; a file that adds an enum value (ALTER TYPE … ADD VALUE) is committed before the
 *   next, which may use the value. The plan says so before anything runs.
 * - A session advisory lock: two applies to one database take turns, and the second reads the history
 *   again once it holds the lock, so nothing runs twice.
 * - lock_timeout and statement_timeout bound every statement.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { LocatedError } from '../errors.js';
import { connect } from '../inspect/live.js';
import { transactionKind } from '../lint/ast.js';
import { outsideTransactionOnly } from '../lint/rules/concurrently-in-transaction.js';
import { qualify, quoteIdent } from '../model/ident.js';
import type { MigrationLayout } from '../sources/migrations.js';
import { locateFailure } from '../sources/replay.js';
import { loadParser, splitStatements, type SqlStatement } from '../sources/sql.js';
import { timeoutSettings, type Timeouts } from '../sources/timeouts.js';
import { maskUrl } from '../sources/url.js';
import { historyTable, historyTool, readHistory, type HistoryTool } from './history.js';
import { checksums, migrationKey, migrationStatus, TO_RUN, type FolderMigration } from './status.js';

/** One pending file, parsed. */
export interface ApplyFile {
  file: FolderMigration;
  key: string;
  /** How the plan names it, when it is not the whole file (a plan file's statements a to b). */
  label?: string;
  text: string;
  statements: SqlStatement[];
}

/** Files that run together: in one transaction, or one file by itself (and why). */
export interface Segment {
  files: ApplyFile[];
  alone?: string;
  /** Why the transaction is committed after its last file rather than going on. */
  commitAfter?: string;
}

/** A new enum value can be used only once the transaction that added it has committed. */
const addsEnumValue = (s: SqlStatement) => s.kind === 'AlterEnumStmt' && Boolean((s.node.AlterEnumStmt as { newVal?: string }).newVal);
const ENUM_VALUE_COMMIT = 'adds an enum value, which later statements can use only once it is committed';

/** Why a file cannot run inside the shared transaction, if it cannot. */
function runsAlone(f: ApplyFile): string | undefined {
  const outside = f.statements.map(outsideTransactionOnly).find(Boolean);
  if (outside) return `${outside} cannot run inside a transaction block`;
  if (f.statements.some((s) => transactionKind(s))) return 'it has BEGIN/COMMIT of its own';
  return undefined;
}

/** The files in order, grouped: consecutive ordinary files share a transaction; the others run alone. */
export function segments(files: ApplyFile[]): Segment[] {
  const out: Segment[] = [];
  for (const f of files) {
    const alone = runsAlone(f);
    const last = out.at(-1);
    if (alone) out.push({ files: [f], alone });
    else if (last && !last.alone && !last.commitAfter) last.files.push(f);
    else out.push({ files: [f] });
    if (!alone && f.statements.some(addsEnumValue)) out.at(-1)!.commitAfter = `${f.file.path} ${ENUM_VALUE_COMMIT}`;
  }
  return out;
}

/** The statements as the Supabase CLI records them: each from after the previous semicolon, trimmed (comments before it included). */
export function supabaseStatements(f: ApplyFile): string[] {
  let from = 0;
  return f.statements.map((s) => {
    const end = s.offset + s.text.length;
    const token = f.text.slice(from, end).trim();
    from = f.text[end] === ';' ? end + 1 : end;
    return token;
  });
}

/** Where an apply writes what it ran: the history table's DDL (idempotent) and one record per file. */
interface Recorder {
  ddl: string[];
  record(client: pg.Client, f: ApplyFile, startedAt: Date, ms: number): Promise<void>;
}

/** The history as the folder's tool writes it: its table as the tool creates it, each row as the tool inserts it. */
function historyRecorder(tool: HistoryTool, url: string): Recorder {
  const { schema, name } = historyTable(tool, url);
  const table = qualify(schema, name);
  if (tool === 'supabase') {
    return {
      ddl: [
        'create schema if not exists supabase_migrations',
        `create table if not exists ${table} (version text not null primary key)`,
        `alter table ${table} add column if not exists statements text[]`,
        `alter table ${table} add column if not exists name text`,
      ],
      record: async (client, f) => {
        const label = /^[0-9]+_(.*)\.sql$/.exec(f.file.name)?.[1] ?? '';
        await client.query(`insert into ${table} (version, name, statements) values ($1, $2, $3)`, [f.key, label, supabaseStatements(f)]);
      },
    };
  }
  if (tool === 'prisma') {
    return {
      ddl: [`create table if not exists ${table} (
  "id" varchar(36) primary key not null, "checksum" varchar(64) not null, "finished_at" timestamptz,
  "migration_name" varchar(255) not null, "logs" text, "rolled_back_at" timestamptz,
  "started_at" timestamptz not null default now(), "applied_steps_count" integer not null default 0)`],
      record: async (client, f, startedAt) => {
        await client.query(`insert into ${table} (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) values ($1, $2, clock_timestamp(), $3, null, null, $4, 1)`, [
          randomUUID(), checksums(f.file.bytes)[0], f.key, startedAt,
        ]);
      },
    };
  }
  return {
    ddl: [
      `create schema if not exists ${quoteIdent(schema)}`,
      `create table if not exists ${table} (name text primary key, checksum text not null, applied_at timestamptz not null default now(), duration_ms integer, applied_by text not null default current_user)`,
    ],
    record: async (client, f, _startedAt, ms) => {
      await client.query(`insert into ${table} (name, checksum, duration_ms) values ($1, $2, $3)`, [f.key, checksums(f.file.bytes)[0], Math.round(ms)]);
    },
  };
}

/** A plan is not a migration: nothing is recorded in the database (the execution log keeps it). */
const NO_RECORD: Recorder = { ddl: [], record: async () => undefined };

export interface AppliedFile {
  migration: string;
  file: string;
  statements: number;
  ms: number;
}

export interface ApplyOutcome {
  /** Files applied and committed, in order. */
  applied: AppliedFile[];
  /** The failure that stopped the run (its file's segment rolled back), if any. */
  failed?: { migration: string; file: string; message: string };
  /** Whether another apply held the database's lock first. */
  waited: boolean;
}

/** The pending files of a folder against a history, parsed, in the order the tool runs them (a failed Prisma migration is not: Prisma wants it resolved first). */
export async function pendingFiles(layout: MigrationLayout, files: FolderMigration[], history: Parameters<typeof migrationStatus>[2]): Promise<ApplyFile[]> {
  await loadParser();
  const due = new Set(migrationStatus(layout, files, history).filter((e) => TO_RUN.has(e.state) && e.state !== 'failed').map((e) => e.file));
  return files.filter((f) => due.has(f.path)).map((file) => {
    const text = Buffer.from(file.bytes).toString('utf8');
    return { file, key: migrationKey(layout, file), text, statements: splitStatements(file.path, text) };
  });
}

const LOCK_KEY = "hashtext('pgdrift apply')";

/** Run `work` holding the database's apply lock, with the timeouts set; waits (and says so) while another apply holds it. */
async function underLock<T>(url: string, timeouts: Partial<Timeouts>, work: (client: pg.Client, waited: boolean) => Promise<T>): Promise<T> {
  await loadParser();
  const client = await connect(url);
  try {
    const waited = !(await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${LOCK_KEY}) as ok`)).rows[0]!.ok;
    if (waited) {
      process.stderr.write(`pgdrift: waiting for another pgdrift apply on ${maskUrl(url)} to finish\n`);
      await client.query(`select pg_advisory_lock(${LOCK_KEY})`);
    }
    for (const s of timeoutSettings(timeouts)) await client.query(s);
    return await work(client, waited);
  } finally {
    // Ending the session releases the advisory lock.
    await client.end().catch(() => undefined);
  }
}

async function runSegments(client: pg.Client, recorder: Recorder, plan: Segment[], waited: boolean): Promise<ApplyOutcome> {
  const applied: AppliedFile[] = [];
  for (const segment of plan) {
    const failed = segment.alone ? await runAlone(client, recorder, segment.files[0]!, applied) : await runTogether(client, recorder, segment.files, applied);
    if (failed) return { applied, failed, waited };
  }
  return { applied, waited };
}

/**
 * Apply the folder's pending migrations. The history is read again under the lock, so `onPlan` sees
 * what will really run, before anything does (it may print it).
 */
export async function applyPending(
  url: string, layout: MigrationLayout, files: FolderMigration[], timeouts: Partial<Timeouts>,
  onPlan: (segments: Segment[]) => void = () => undefined,
): Promise<ApplyOutcome> {
  const tool = historyTool(layout);
  return underLock(url, timeouts, async (client, waited) => {
    const plan = segments(await pendingFiles(layout, files, await readHistory(client, tool, url)));
    onPlan(plan);
    return runSegments(client, historyRecorder(tool, url), plan, waited);
  });
}

/**
 * A plan file (what `pgdrift plan` writes), cut where a statement cannot run in a transaction: each
 * run of ordinary statements is one transaction, each such statement runs by itself; the transaction
 * is committed after the enum values a plan adds (its later steps may use them: a default, a view).
 */
export function planSegments(file: FolderMigration): Segment[] {
  const text = Buffer.from(file.bytes).toString('utf8');
  const out: Segment[] = [];
  for (const stmt of splitStatements(file.path, text)) {
    const outside = outsideTransactionOnly(stmt);
    const last = out.at(-1);
    const part = (statements: SqlStatement[]): ApplyFile => ({ file, key: file.name, text, statements });
    if (outside) out.push({ files: [part([stmt])], alone: `${outside} cannot run inside a transaction block` });
    else if (last && !last.alone && !last.commitAfter) last.files[0]!.statements.push(stmt);
    else out.push({ files: [part([stmt])] });
    if (!outside && addsEnumValue(stmt)) out.at(-1)!.commitAfter = `line ${stmt.line} ${ENUM_VALUE_COMMIT}`;
  }
  for (const f of out.flatMap((seg) => seg.files)) f.label = `${file.path} (lines ${f.statements[0]!.line}–${f.statements.at(-1)!.line})`;
  return out;
}

/** Apply a plan file: all or nothing (but for the statements that must run alone), under the lock. */
export async function applyPlanFile(url: string, file: FolderMigration, timeouts: Partial<Timeouts>, onPlan: (segments: Segment[]) => void = () => undefined): Promise<ApplyOutcome> {
  return underLock(url, timeouts, async (client, waited) => {
    const plan = planSegments(file);
    onPlan(plan);
    return runSegments(client, NO_RECORD, plan, waited);
  });
}

async function runFile(client: pg.Client, f: ApplyFile): Promise<{ ms: number; startedAt: Date } | { message: string }> {
  const startedAt = new Date();
  for (const stmt of f.statements) {
    try {
      await client.query(stmt.text);
    } catch (e) {
      const error = e as { message: string; position?: string };
      const at = locateFailure(stmt, { message: error.message, ...(error.position ? { position: Number(error.position) } : {}) }, f.text);
      return { message: new LocatedError(at, error.message).message };
    }
  }
  return { ms: Date.now() - startedAt.getTime(), startedAt };
}

async function runTogether(client: pg.Client, recorder: Recorder, files: ApplyFile[], applied: AppliedFile[]): Promise<ApplyOutcome['failed']> {
  const done: AppliedFile[] = [];
  await client.query('begin');
  try {
    for (const s of recorder.ddl) await client.query(s);
    for (const f of files) {
      const ran = await runFile(client, f);
      if ('message' in ran) {
        await client.query('rollback');
        return { migration: f.key, file: f.file.path, message: ran.message };
      }
      await recorder.record(client, f, ran.startedAt, ran.ms);
      done.push({ migration: f.key, file: f.file.path, statements: f.statements.length, ms: ran.ms });
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
  applied.push(...done);
  return undefined;
}

/** A file that cannot share the transaction: the history table first, then the file, then its record. */
async function runAlone(client: pg.Client, recorder: Recorder, f: ApplyFile, applied: AppliedFile[]): Promise<ApplyOutcome['failed']> {
  if (recorder.ddl.length) {
    await client.query('begin');
    for (const s of recorder.ddl) await client.query(s);
    await client.query('commit');
  }
  const ran = await runFile(client, f);
  if ('message' in ran) {
    // A statement of its own BEGIN may have left a transaction open.
    await client.query('rollback').catch(() => undefined);
    return { migration: f.key, file: f.file.path, message: ran.message };
  }
  await recorder.record(client, f, ran.startedAt, ran.ms);
  applied.push({ migration: f.key, file: f.file.path, statements: f.statements.length, ms: ran.ms });
  return undefined;
}
