/** uncommitted-transaction: a BEGIN that the file never commits. */
import type { LintRule } from '../types.js';
import { transactionKind } from '../ast.js';
import { fileRunsInTransaction } from './walk.js';

export const uncommittedTransaction: LintRule = {
  id: 'uncommitted-transaction',
  severity: 'error',
  description: 'every BEGIN in a migration file needs its COMMIT',
  instead: 'end the transaction with COMMIT in the same file',
  check: (ctx) =>
    // A file its tool runs in a transaction is committed by the tool, open BEGIN or not.
    ctx.files.filter((file) => !fileRunsInTransaction(ctx, file)).flatMap((file) => {
      let open: (typeof file.statements)[number] | undefined;
      for (const stmt of file.statements) {
        const kind = transactionKind(stmt);
        if (kind === 'begin') open ??= stmt;
        else if (kind) open = undefined;
      }
      if (!open) return [];
      return [{
        kind: 'statement',
        object: file.path,
        file: file.path,
        line: open.line,
        column: open.column,
        message: 'this BEGIN is never committed: depending on the tool, everything after it is rolled back at the end of the session or committed together with the next migration',
        hint: uncommittedTransaction.instead!,
      }];
    }),
};
