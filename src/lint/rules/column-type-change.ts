/** column-type-change: ALTER COLUMN ... TYPE that rewrites an existing table (binary-compatible changes do not). */
import { quoteIdent } from '../../model/ident.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

export const columnTypeChange: LintRule = {
  id: 'column-type-change',
  severity: 'warning',
  description: 'changing a column type so that PostgreSQL rewrites an existing table',
  lock: 'ACCESS EXCLUSIVE on the table while every row and index is rewritten',
  instead: 'add a new column, backfill it in batches, then switch over (varchar(n) to text or a wider varchar needs no rewrite)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      if (!ctx.probes.get(place.stmt)?.rewritten) return [];
      return existingTableCommands(place, 'AT_AlterColumnType').map(({ table, cmd }) =>
        at(place, {
          kind: 'column',
          object: `${table}.${quoteIdent(String(cmd.name))}`,
          message: `changing the type of ${table}.${quoteIdent(String(cmd.name))} rewrites the table and its indexes (PostgreSQL replaced its storage on replay) while blocking reads and writes`,
          hint: columnTypeChange.instead!,
        }),
      );
    }),
};
