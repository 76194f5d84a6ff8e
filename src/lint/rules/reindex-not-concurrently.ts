/** reindex-not-concurrently: REINDEX without CONCURRENTLY blocks writes (and reads that use the index). */
import { inner } from '../ast.js';
import type { LintRule } from '../types.js';
import { option } from './concurrently.js';
import { at, eachStatement } from './walk.js';

export const reindexNotConcurrently: LintRule = {
  id: 'reindex-not-concurrently',
  severity: 'warning',
  description: 'REINDEX of an index, a table, a schema or a database should be CONCURRENTLY',
  lock: 'SHARE on the table (writes blocked) and ACCESS EXCLUSIVE on each index being rebuilt',
  instead: 'REINDEX ... CONCURRENTLY (PostgreSQL 12+, outside a transaction block)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const reindex = inner<{ kind?: string; params?: unknown }>(place.stmt, 'ReindexStmt');
      // System catalogs cannot be reindexed concurrently.
      if (!reindex || reindex.kind === 'REINDEX_OBJECT_SYSTEM' || option(reindex.params, 'concurrently')) return [];
      return [at(place, {
        kind: 'index',
        object: place.stmt.text,
        message: 'REINDEX without CONCURRENTLY blocks writes to the table, and reads that use the index, until it is rebuilt',
        hint: reindexNotConcurrently.instead!,
      })];
    }, { includeFailed: true }),
};
