/** add-key-without-index: ADD PRIMARY KEY / UNIQUE on an existing table builds its index under an exclusive lock. */
import type { LintRule } from '../types.js';
import { addedConstraints, at, eachStatement } from './walk.js';

const KEYS: Record<string, string> = { CONSTR_PRIMARY: 'primary key', CONSTR_UNIQUE: 'unique constraint' };

export const addKeyWithoutIndex: LintRule = {
  id: 'add-key-without-index',
  severity: 'warning',
  description: 'a primary key or unique constraint added to an existing table should use an index built CONCURRENTLY first',
  lock: 'ACCESS EXCLUSIVE on the table while the unique index is built',
  instead: 'CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY (or UNIQUE) USING INDEX',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      return addedConstraints(place)
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
