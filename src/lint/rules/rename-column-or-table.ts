/** rename-column-or-table: a rename breaks every deployed query that uses the old name. */
import { quoteIdent } from '../../model/ident.js';
import { inner, relationKey } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const renameColumnOrTable: LintRule = {
  id: 'rename-column-or-table',
  severity: 'warning',
  description: 'renaming a column or table breaks code that still uses the old name',
  lock: 'ACCESS EXCLUSIVE on the table, briefly',
  instead: 'add the new name next to the old one (a new column written by both, or a view with the old name), move the code, then drop the old',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const r = inner<{ renameType: string; relation?: { relname: string; schemaname?: string }; subname?: string; newname: string }>(place.stmt, 'RenameStmt');
      if (!r?.relation || place.newTables.has(relationKey(r.relation))) return [];
      const table = relationKey(r.relation);
      if (r.renameType === 'OBJECT_COLUMN') {
        return [at(place, { kind: 'column', object: `${table}.${quoteIdent(r.subname!)}`, message: `renaming column ${table}.${quoteIdent(r.subname!)} to ${quoteIdent(r.newname)} breaks code that still uses the old name`, hint: 'add the new column, write both, move readers, then drop the old one (or use a view)' })];
      }
      if (r.renameType === 'OBJECT_TABLE') {
        return [at(place, { kind: 'table', object: table, message: `renaming table ${table} to ${quoteIdent(r.newname)} breaks code that still uses the old name`, hint: 'keep a view with the old name while code moves over' })];
      }
      return [];
    }),
};
