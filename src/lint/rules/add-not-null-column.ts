/** add-not-null-column: ADD COLUMN ... NOT NULL without a default fails on a table that has rows. */
import { quoteIdent } from '../../model/ident.js';
import { alterCommands, relationKey, targetTable, type Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const addNotNullColumn: LintRule = {
  id: 'add-not-null-column',
  severity: 'error',
  description: 'a NOT NULL column added to an existing table needs a default (or a backfill first)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const table = targetTable(place.stmt);
      if (!table || place.newTables.has(relationKey(table))) return [];
      return alterCommands(place.stmt)
        .filter((c) => c.subtype === 'AT_AddColumn')
        .map((c) => (c.def as { ColumnDef: { colname: string; constraints?: { Constraint: Node }[] } }).ColumnDef)
        .filter((col) => {
          const kinds = (col.constraints ?? []).map((k) => k.Constraint.contype);
          return (kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY')) && !kinds.includes('CONSTR_DEFAULT') && !kinds.includes('CONSTR_IDENTITY') && !kinds.includes('CONSTR_GENERATED');
        })
        .map((col) =>
          at(place, {
            kind: 'column',
            object: `${relationKey(table)}.${quoteIdent(col.colname)}`,
            message: `adding NOT NULL column ${quoteIdent(col.colname)} without a default to ${relationKey(table)} fails as soon as the table has a row`,
            hint: 'add it nullable, backfill it, then SET NOT NULL; or give it a DEFAULT',
          }),
        );
    }),
};
