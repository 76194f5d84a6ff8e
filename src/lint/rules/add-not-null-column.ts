/** add-not-null-column: ADD COLUMN ... NOT NULL without a default fails on a table that has rows. */
import { quoteIdent } from '../../model/ident.js';
import type { Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

export const addNotNullColumn: LintRule = {
  id: 'add-not-null-column',
  severity: 'error',
  description: 'a NOT NULL column added to an existing table needs a default (or a backfill first)',
  instead: 'add it nullable, backfill it, then SET NOT NULL (after a validated CHECK, on PostgreSQL 12+); or give it a constant DEFAULT',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      return existingTableCommands(place, 'AT_AddColumn')
        .map(({ table, cmd }) => ({ table, col: (cmd.def as { ColumnDef: { colname: string; constraints?: { Constraint: Node }[] } }).ColumnDef }))
        .filter(({ col }) => {
          const kinds = (col.constraints ?? []).map((k) => k.Constraint.contype);
          return (kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY')) && !kinds.includes('CONSTR_DEFAULT') && !kinds.includes('CONSTR_IDENTITY') && !kinds.includes('CONSTR_GENERATED');
        })
        .map(({ table, col }) =>
          at(place, {
            kind: 'column',
            object: `${table}.${quoteIdent(col.colname)}`,
            message: `adding NOT NULL column ${quoteIdent(col.colname)} without a default to ${table} fails as soon as the table has a row`,
            hint: 'add it nullable, backfill it, then SET NOT NULL; or give it a DEFAULT',
          }),
        );
    }),
};
