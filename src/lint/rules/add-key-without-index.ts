/** add-key-without-index: ADD PRIMARY KEY / UNIQUE on an existing table builds its index under an exclusive lock. */
import type { Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

const KEYS: Record<string, string> = { CONSTR_PRIMARY: 'primary key', CONSTR_UNIQUE: 'unique constraint' };

export const addKeyWithoutIndex: LintRule = {
  id: 'add-key-without-index',
  severity: 'warning',
  description: 'a primary key or unique constraint added to an existing table should use an index built CONCURRENTLY first',
  lock: 'ACCESS EXCLUSIVE on the table while the unique index is built',
  instead: 'CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY (or UNIQUE) USING INDEX',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const added = existingTableCommands(place, 'AT_AddConstraint').map(({ table, cmd }) => ({ table, k: (cmd.def as { Constraint: Node }).Constraint }));
      const inline = existingTableCommands(place, 'AT_AddColumn').flatMap(({ table, cmd }) =>
        ((cmd.def as { ColumnDef: { constraints?: { Constraint: Node }[] } }).ColumnDef.constraints ?? []).map((c) => ({ table, k: c.Constraint })));
      return [...added, ...inline]
        .filter(({ k }) => KEYS[String(k.contype)] && !k.indexname)
        .map(({ table, k }) => {
          const what = KEYS[String(k.contype)]!;
          return at(place, {
            kind: 'constraint',
            object: `${table}.${(k.conname as string | undefined) ?? what}`,
            message: `adding a ${what}${k.conname ? ` ${String(k.conname)}` : ''} to ${table} builds its unique index while blocking reads and writes`,
            hint: addKeyWithoutIndex.instead!,
          });
        });
    }),
};
