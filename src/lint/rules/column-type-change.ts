/** column-type-change: ALTER COLUMN ... TYPE usually rewrites the table under an exclusive lock. */
import { quoteIdent } from '../../model/ident.js';
import { alterCommands, relationKey, targetTable } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const columnTypeChange: LintRule = {
  id: 'column-type-change',
  severity: 'warning',
  description: 'changing a column type on an existing table rewrites it under an exclusive lock',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const table = targetTable(place.stmt);
      if (!table || place.newTables.has(relationKey(table))) return [];
      return alterCommands(place.stmt)
        .filter((c) => c.subtype === 'AT_AlterColumnType')
        .map((c) =>
          at(place, {
            kind: 'column',
            object: `${relationKey(table)}.${quoteIdent(String(c.name))}`,
            message: `changing the type of ${relationKey(table)}.${quoteIdent(String(c.name))} rewrites the table (and its indexes) while blocking reads and writes, unless the new type is binary compatible (e.g. varchar(n) to text)`,
            hint: 'add a new column, backfill it in batches, then switch over',
          }),
        );
    }),
};
