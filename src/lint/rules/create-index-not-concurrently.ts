/** create-index-not-concurrently: CREATE INDEX on an existing table blocks its writes while it builds. */
import { relationKey, targetTable, inner } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const createIndexNotConcurrently: LintRule = {
  id: 'create-index-not-concurrently',
  severity: 'warning',
  description: 'indexes on existing tables should be built CONCURRENTLY',
  lock: 'SHARE on the table while the index builds: no writes',
  instead: 'CREATE INDEX CONCURRENTLY, alone in its migration file (it cannot run inside a transaction block)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const index = inner<{ concurrent?: boolean; idxname?: string }>(place.stmt, 'IndexStmt');
      const table = targetTable(place.stmt);
      if (!index || index.concurrent || !table || place.newTables.has(relationKey(table))) return [];
      return [at(place, {
        kind: 'index',
        object: index.idxname ?? relationKey(table),
        message: `CREATE INDEX${index.idxname ? ` ${index.idxname}` : ''} on ${relationKey(table)} locks the table against writes until the index is built`,
        hint: 'use CREATE INDEX CONCURRENTLY (outside a transaction block)',
      })];
    }),
};
