/** truncate-cascade: TRUNCATE ... CASCADE also empties every table that references the named ones. */
import { inner, relationKey, type RangeVar } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const truncateCascade: LintRule = {
  id: 'truncate-cascade',
  severity: 'error',
  description: 'TRUNCATE ... CASCADE deletes the rows of every table with a foreign key to the truncated ones, named or not',
  lock: 'ACCESS EXCLUSIVE on every table it reaches',
  instead: 'TRUNCATE the tables you mean by name, without CASCADE, so PostgreSQL refuses if others reference them',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const t = inner<{ behavior?: string; relations?: { RangeVar: RangeVar }[] }>(place.stmt, 'TruncateStmt');
      if (t?.behavior !== 'DROP_CASCADE') return [];
      const names = (t.relations ?? []).map((r) => relationKey(r.RangeVar)).join(', ');
      return [at(place, { kind: 'statement', object: names, message: `TRUNCATE ${names} CASCADE also deletes every row of the tables that reference them, which this statement does not name`, hint: truncateCascade.instead! })];
    }, { includeFailed: true }),
};
