/** drop-index-not-concurrently: DROP INDEX without CONCURRENTLY blocks the table while it waits for its lock. */
import { inner } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const dropIndexNotConcurrently: LintRule = {
  id: 'drop-index-not-concurrently',
  severity: 'warning',
  description: 'indexes should be dropped CONCURRENTLY',
  lock: 'ACCESS EXCLUSIVE on the index\'s table',
  instead: 'DROP INDEX CONCURRENTLY (outside a transaction block, one index per statement)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const drop = inner<{ removeType?: string; concurrent?: boolean; objects?: unknown[] }>(place.stmt, 'DropStmt');
      if (drop?.removeType !== 'OBJECT_INDEX' || drop.concurrent) return [];
      return [at(place, {
        kind: 'index',
        object: place.stmt.text,
        message: 'DROP INDEX without CONCURRENTLY blocks reads and writes of its table, and queues every query behind it while it waits for the lock',
        hint: dropIndexNotConcurrently.instead!,
      })];
    }, { includeFailed: true }),
};
