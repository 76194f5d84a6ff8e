/**
 * What PostgreSQL itself did with a statement on an existing table, read from the shadow's catalog
 * around it: whether the table was rewritten (its relfilenode changed, which is how PostgreSQL
 * replaces a table's storage), and which validated CHECK constraints it had before. Lint rules ask
 * the real server instead of guessing from the statement (a binary-compatible type change, a
 * non-volatile default, a stored generated column).
 */
import type { Shadow } from '../shadow/shadow.js';
import type { SqlStatement } from '../sources/sql.js';
import { inner, relationKey, targetTable, type RangeVar } from './ast.js';
import type { StatementProbe } from './types.js';

/** The table whose storage the statement may replace, if it is one that can. */
export function probedTable(stmt: SqlStatement): RangeVar | undefined {
  const alter = inner<{ objtype?: string }>(stmt, 'AlterTableStmt');
  if (alter && alter.objtype !== 'OBJECT_TABLE' && alter.objtype !== 'OBJECT_MATVIEW') return undefined;
  if (!alter && stmt.kind !== 'ClusterStmt' && stmt.kind !== 'VacuumStmt') return undefined;
  return targetTable(stmt);
}

interface Before {
  table: string;
  oid: number;
  relfilenode: number;
  checksBefore: string[];
}

const STORAGE = `select c.oid::int as oid, c.relfilenode::int as relfilenode,
  array(select pg_get_constraintdef(k.oid) from pg_constraint k where k.conrelid = c.oid and k.contype = 'c' and k.convalidated order by 1) as checks
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relname = $2 and (case when $1::text is null then pg_table_is_visible(c.oid) else n.nspname = $1 end)`;

export async function probeBefore(shadow: Shadow, stmt: SqlStatement): Promise<Before | undefined> {
  const rv = probedTable(stmt);
  if (!rv) return undefined;
  const row = (await shadow.query(STORAGE, [rv.schemaname ?? null, rv.relname])).rows[0] as { oid: number; relfilenode: number; checks: string[] } | undefined;
  return row ? { table: relationKey(rv), oid: row.oid, relfilenode: row.relfilenode, checksBefore: row.checks } : undefined;
}

export async function probeAfter(shadow: Shadow, before: Before): Promise<StatementProbe> {
  const row = (await shadow.query('select relfilenode::int as relfilenode from pg_class where oid = $1', [before.oid])).rows[0] as { relfilenode: number } | undefined;
  return { table: before.table, rewritten: row !== undefined && row.relfilenode !== before.relfilenode, checksBefore: before.checksBefore };
}
