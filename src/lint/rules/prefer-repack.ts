/** prefer-repack: on PostgreSQL 19+, REPACK replaces VACUUM FULL and CLUSTER, and can run CONCURRENTLY. */
import { inner } from '../ast.js';
import type { LintRule } from '../types.js';
import { option } from './concurrently.js';
import { at, eachStatement } from './walk.js';

export const preferRepack: LintRule = {
  id: 'prefer-repack',
  severity: 'warning',
  description: 'VACUUM FULL and CLUSTER on PostgreSQL 19+, where REPACK CONCURRENTLY does the same without blocking',
  lock: 'ACCESS EXCLUSIVE on the table for the whole rewrite',
  instead: 'REPACK (CONCURRENTLY) the table',
  check: (ctx) =>
    ctx.pgVersion < 19 ? [] : eachStatement(ctx, (place) => {
      const vacuum = inner<{ options?: unknown; is_vacuumcmd?: boolean }>(place.stmt, 'VacuumStmt');
      const what = place.stmt.kind === 'ClusterStmt' ? 'CLUSTER' : vacuum?.is_vacuumcmd && option(vacuum.options, 'full') ? 'VACUUM FULL' : undefined;
      return what ? [at(place, { kind: 'statement', object: place.stmt.text, message: `${what} rewrites the table while blocking reads and writes; PostgreSQL ${ctx.pgVersion} has REPACK CONCURRENTLY`, hint: preferRepack.instead! })] : [];
    }, { includeFailed: true }),
};
