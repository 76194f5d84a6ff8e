/** index-expression-not-immutable: an expression index over a function that is not IMMUTABLE. */
import { firstLine } from '../../sources/sql.js';
import type { LintRule } from '../types.js';
import { isNotImmutable } from './replay-errors.js';

export const indexExpressionNotImmutable: LintRule = {
  id: 'index-expression-not-immutable',
  severity: 'error',
  description: 'functions in index expressions and predicates must be IMMUTABLE',
  check: (ctx) =>
    ctx.replayFailures.filter(isNotImmutable).map((f) => ({
      kind: 'index',
      object: f.statement.file,
      file: f.statement.file,
      line: f.line,
      column: f.column,
      message: `${f.message} (in: ${firstLine(f.statement.text)})`,
      hint: 'an index stores the result, so it must not change for the same input: use an immutable function (e.g. a wrapper marked IMMUTABLE that pins its time zone or search_path)',
    })),
};
