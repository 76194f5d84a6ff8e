/** replay-error: a statement that fails when the folder is replayed, at its own line. */
import { firstLine } from '../../sources/sql.js';
import type { LintRule } from '../types.js';
import { isMissingObject, isNotImmutable, isOutsideTransactionOnly } from './replay-errors.js';

export const replayError: LintRule = {
  id: 'replay-error',
  severity: 'error',
  description: 'every statement must run on a database in the state the earlier migrations leave',
  check: (ctx) =>
    ctx.replayFailures
      .filter((f) => !isMissingObject(f) && !isNotImmutable(f) && !isOutsideTransactionOnly(f))
      .map((f) => ({ kind: 'statement', object: f.statement.file, file: f.statement.file, line: f.line, column: f.column, message: `${f.message} (in: ${firstLine(f.statement.text)})` })),
};
