/** table-rewrite: a statement on an existing table made PostgreSQL rewrite every row (seen on replay, not guessed). */
import type { LintRule } from '../types.js';
import { alterCommands } from '../ast.js';
import { at, eachStatement, existingTable } from './walk.js';

export const tableRewrite: LintRule = {
  id: 'table-rewrite',
  severity: 'warning',
  description: 'statements that rewrite an existing table (a volatile default, a stored generated column, SET LOGGED, VACUUM FULL, CLUSTER)',
  lock: 'ACCESS EXCLUSIVE on the table for the whole rewrite: no reads, no writes',
  instead: 'add the column without the default (or nullable), set the default after, and backfill in batches; rebuild a bloated table with pg_repack (REPACK CONCURRENTLY on PostgreSQL 19+)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const table = existingTable(place);
      const probe = ctx.probes.get(place.stmt);
      // A column type change that rewrites is column-type-change's finding.
      if (!table || !probe?.rewritten || alterCommands(place.stmt).some((c) => c.subtype === 'AT_AlterColumnType')) return [];
      return [at(place, {
        kind: 'table',
        object: table,
        message: `this statement rewrites every row of ${table} (PostgreSQL replaced its storage on replay) while blocking reads and writes`,
        hint: tableRewrite.instead!,
      })];
    }),
};
