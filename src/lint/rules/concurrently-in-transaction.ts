/** concurrently-in-transaction: a statement that cannot run inside a transaction block, in one (explicit, or the file's own as its tool runs it). */
import { alterCommands, inner } from '../ast.js';
import type { SqlStatement } from '../../sources/sql.js';
import type { LintRule } from '../types.js';
import { option } from './concurrently.js';
import { at, eachStatement } from './walk.js';

/** What the statement is, when PostgreSQL refuses to run it inside a transaction block. */
export function outsideTransactionOnly(stmt: SqlStatement): string | undefined {
  if (inner<{ concurrent?: boolean }>(stmt, 'IndexStmt')?.concurrent) return 'CREATE INDEX CONCURRENTLY';
  if (inner<{ concurrent?: boolean }>(stmt, 'DropStmt')?.concurrent) return 'DROP INDEX CONCURRENTLY';
  if (option(inner<{ params?: unknown }>(stmt, 'ReindexStmt')?.params, 'concurrently')) return 'REINDEX CONCURRENTLY';
  if (alterCommands(stmt).some((c) => c.subtype === 'AT_DetachPartition' && (c.def as { PartitionCmd: { concurrent?: boolean } }).PartitionCmd.concurrent)) return 'DETACH PARTITION CONCURRENTLY';
  if (inner<{ is_vacuumcmd?: boolean }>(stmt, 'VacuumStmt')?.is_vacuumcmd) return 'VACUUM';
  if (stmt.kind === 'CreatedbStmt' || stmt.kind === 'DropdbStmt') return stmt.kind === 'CreatedbStmt' ? 'CREATE DATABASE' : 'DROP DATABASE';
  if (stmt.kind === 'AlterSystemStmt') return 'ALTER SYSTEM';
  return undefined;
}

export const concurrentlyInTransaction: LintRule = {
  id: 'concurrently-in-transaction',
  severity: 'error',
  description: 'CONCURRENTLY (and VACUUM, CREATE DATABASE) cannot run inside a transaction block, and Supabase and Prisma run each migration file in one',
  instead: 'put the statement alone in its own migration file, outside BEGIN ... COMMIT (mark the file `-- pgdrift-no-transaction` if your tool runs it outside a transaction)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const what = outsideTransactionOnly(place.stmt);
      if (!what || !place.inTransaction) return [];
      const explicit = place.file.statements.slice(0, place.file.statements.indexOf(place.stmt)).some((s) => s.kind === 'TransactionStmt');
      return [at(place, {
        kind: 'statement',
        object: place.file.path,
        message: `${what} cannot run inside a transaction block, and ${explicit ? 'this one is inside BEGIN ... COMMIT' : `${ctx.layout === 'plain' ? 'this file is assumed to run' : `the ${ctx.layout === 'prisma' ? 'Prisma' : 'Supabase'} CLI runs this file`} in one transaction`}: it fails when the migration is applied`,
        hint: concurrentlyInTransaction.instead!,
      })];
    }, { includeFailed: true }),
};
