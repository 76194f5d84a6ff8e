/**
 * Where the tool that owns a migrations folder keeps what it applied, and reading it (read-only).
 * - Supabase CLI: `supabase_migrations.schema_migrations` (version, name, statements: the file's
 *   statements as the CLI split them), one row per applied file, written in the file's transaction.
 * - Prisma Migrate: `_prisma_migrations` (migration_name, checksum = SHA-256 of migration.sql,
 *   started_at, finished_at, rolled_back_at, logs), a row per attempt: finished_at is empty while a
 *   migration runs and after it failed; `prisma migrate resolve --rolled-back` sets rolled_back_at.
 * - pgdrift, for plain folders: `pgdrift.schema_migrations` (name, checksum, applied_at).
 */
import type pg from 'pg';
import type { MigrationLayout } from '../sources/migrations.js';
import { qualify } from '../model/ident.js';

export type HistoryTool = 'supabase' | 'prisma' | 'pgdrift';

/** One record of the history: a migration the tool ran (or tried to). */
export interface HistoryRecord {
  /** What the tool identifies a migration by: the Supabase version, the Prisma folder name, the plain file name. */
  key: string;
  name?: string;
  /** When it finished (ISO 8601), when the tool records it. */
  appliedAt?: string;
  /** Prisma and pgdrift: SHA-256 (hex) of the file as it was applied. */
  checksum?: string;
  /** Supabase: the statements as they were applied (older CLI versions did not record them). */
  statements?: string[];
  /** Prisma: `failed` (finished_at empty, not rolled back), `rolled back`, else `applied`. */
  outcome: 'applied' | 'failed' | 'rolled back';
  /** Prisma: what the failed attempt logged. */
  logs?: string;
}

export interface History {
  tool: HistoryTool;
  /** The table, schema-qualified. */
  table: string;
  /** Whether the table exists (a database no migration ran on has none). */
  found: boolean;
  /** In the order the tool wrote them. */
  records: HistoryRecord[];
}

export function historyTool(layout: MigrationLayout): HistoryTool {
  return layout === 'plain' ? 'pgdrift' : layout;
}

/** Prisma keeps its table in the schema the URL's `schema` parameter names (public by default). */
export function historyTable(tool: HistoryTool, url: string): { schema: string; name: string } {
  if (tool === 'supabase') return { schema: 'supabase_migrations', name: 'schema_migrations' };
  if (tool === 'pgdrift') return { schema: 'pgdrift', name: 'schema_migrations' };
  return { schema: new URL(url).searchParams.get('schema') || 'public', name: '_prisma_migrations' };
}

const iso = (v: unknown) => (v === null || v === undefined ? undefined : new Date(String(v)).toISOString());
const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/** Each row as JSON: a column an older version of the tool did not create is simply absent. */
function toRecord(tool: HistoryTool, r: Record<string, unknown>): HistoryRecord {
  if (tool === 'supabase') {
    const statements = Array.isArray(r.statements) ? (r.statements as string[]) : undefined;
    return { key: String(r.version), ...(text(r.name) ? { name: text(r.name) } : {}), ...(statements ? { statements } : {}), outcome: 'applied' };
  }
  if (tool === 'prisma') {
    const outcome = r.rolled_back_at ? 'rolled back' : r.finished_at ? 'applied' : 'failed';
    const appliedAt = iso(r.finished_at);
    return { key: String(r.migration_name), checksum: String(r.checksum), outcome, ...(appliedAt ? { appliedAt } : {}), ...(text(r.logs) ? { logs: text(r.logs) } : {}) };
  }
  return { key: String(r.name), checksum: String(r.checksum), outcome: 'applied', ...(iso(r.applied_at) ? { appliedAt: iso(r.applied_at) } : {}) };
}

const ORDER: Record<HistoryTool, string> = { supabase: "r->>'version'", prisma: "r->>'started_at', r->>'migration_name'", pgdrift: "r->>'applied_at', r->>'name'" };

/** Read the history in a read-only transaction: a database is never written by reading its history. */
export async function readHistory(client: pg.Client, tool: HistoryTool, url: string, settings: string[] = []): Promise<History> {
  const { schema, name } = historyTable(tool, url);
  const table = qualify(schema, name);
  await client.query('begin transaction isolation level repeatable read read only');
  try {
    for (const setting of settings) await client.query(setting);
    const found = (await client.query('select to_regclass($1) is not null as found', [table])).rows[0].found as boolean;
    if (!found) return { tool, table, found, records: [] };
    const { rows } = await client.query(`select r from (select to_jsonb(m) as r from ${table} m) h order by ${ORDER[tool]}`);
    return { tool, table, found, records: rows.map((row: { r: Record<string, unknown> }) => toRecord(tool, row.r)) };
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}
