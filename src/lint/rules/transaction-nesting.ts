/** transaction-nesting: BEGIN inside a transaction, or COMMIT/ROLLBACK that ends one the file did not open. */
import type { LintRule } from '../types.js';
import { transactionKind } from '../ast.js';
import { at, eachStatement, fileRunsInTransaction } from './walk.js';

export const transactionNesting: LintRule = {
  id: 'transaction-nesting',
  severity: 'warning',
  description: 'BEGIN inside a transaction, and COMMIT or ROLLBACK of a transaction the file did not open',
  instead: 'leave transaction control to the migration tool (Supabase and Prisma run each file in one transaction), or open and close exactly one transaction in the file',
  check: (ctx) => {
    const opened = new Set<string>();
    return eachStatement(ctx, (place) => {
      const kind = transactionKind(place.stmt);
      const key = place.file.path;
      if (!kind) return [];
      const ownTransaction = opened.has(key);
      if (kind === 'begin') opened.add(key);
      else opened.delete(key);
      // A BEGIN in the implicit transaction its tool runs the file in makes it the file's own: nothing nests.
      if (kind === 'begin' && ownTransaction)
        return [at(place, { kind: 'statement', object: key, message: 'BEGIN inside a transaction already in progress: PostgreSQL ignores it with a warning, and the COMMIT that follows ends the outer transaction early', hint: transactionNesting.instead! })];
      if (kind !== 'begin' && !ownTransaction)
        return [at(place, {
          kind: 'statement',
          object: key,
          message: place.inTransaction || fileRunsInTransaction(ctx, place.file)
            ? `${kind.toUpperCase()} ends the transaction the migration tool runs this file in: the statements after it are no longer atomic with the ones before`
            : `${kind.toUpperCase()} without a transaction in progress`,
          hint: transactionNesting.instead!,
        })];
      return [];
    }, { includeFailed: true });
  },
};
