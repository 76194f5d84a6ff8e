/** column-type-change: ALTER COLUMN ... TYPE usually rewrites the table under an exclusive lock. */
import { quoteIdent } from '../../model/ident.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

export const columnTypeChange: LintRule = {
  id: 'column-type-change',
  severity: 'warning',
  description: 'changing a column type on an existing table rewrites it under an exclusive lock',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      return existingTableCommands(place, 'AT_AlterColumnType').map(({ table, cmd }) =>
          at(place, {
            kind: 'column',
            object: `${table}.${quoteIdent(String(cmd.name))}`,
            message: `changing the type of ${table}.${quoteIdent(String(cmd.name))} rewrites the table (and its indexes) while blocking reads and writes, unless the new type is binary compatible (e.g. varchar(n) to text)`,
            hint: 'add a new column, backfill it in batches, then switch over',
          }),
        );
    }),
};
