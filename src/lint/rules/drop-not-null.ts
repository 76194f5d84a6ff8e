/** drop-not-null: DROP NOT NULL lets NULLs into a column that readers expect never to be NULL. */
import { quoteIdent } from '../../model/ident.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

export const dropNotNull: LintRule = {
  id: 'drop-not-null',
  severity: 'warning',
  description: 'dropping NOT NULL from an existing column breaks readers that rely on it',
  instead: 'make sure every reader (and the generated types, e.g. Prisma Client or supabase gen types) handles NULL first',
  check: (ctx) =>
    eachStatement(ctx, (place) =>
      existingTableCommands(place, 'AT_DropNotNull').map(({ table, cmd }) =>
        at(place, {
          kind: 'column',
          object: `${table}.${quoteIdent(String(cmd.name))}`,
          message: `dropping NOT NULL from ${table}.${quoteIdent(String(cmd.name))} lets NULLs in where existing code expects a value`,
          hint: dropNotNull.instead!,
        }))),
};
