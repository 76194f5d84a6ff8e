/** drop-column-or-table: dropping loses data, and breaks code still deployed that uses it. */
import { quoteIdent } from '../../model/ident.js';
import { inner, sval, type Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

export const dropColumnOrTable: LintRule = {
  id: 'drop-column-or-table',
  severity: 'warning',
  description: 'dropping a column or table loses its data and breaks code that still uses it',
  lock: 'ACCESS EXCLUSIVE on the table, briefly (the data is not rewritten)',
  instead: 'stop using it in the code first and deploy; then drop it in a later migration, with the data backed up',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const drop = inner<{ removeType: string; objects: Node[] }>(place.stmt, 'DropStmt');
      if (drop?.removeType === 'OBJECT_TABLE') {
        return drop.objects.map((o) => {
          const parts = ((o.List as { items?: unknown[] } | undefined)?.items ?? []).map(sval);
          const name = parts.length > 1 ? parts.join('.') : `public.${parts[0]}`;
          return at(place, { kind: 'table', object: name, message: `dropping table ${name} deletes its rows`, hint: 'make sure no deployed code uses it and its data is backed up or no longer needed' });
        });
      }
      return existingTableCommands(place, 'AT_DropColumn').map(({ table, cmd }) =>
        at(place, { kind: 'column', object: `${table}.${quoteIdent(String(cmd.name))}`, message: `dropping column ${table}.${quoteIdent(String(cmd.name))} deletes its data and breaks code that still reads or writes it`, hint: 'stop using the column in the code first, deploy, then drop it' }),
      );
    }),
};
