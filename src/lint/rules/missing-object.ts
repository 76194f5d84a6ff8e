/** missing-object: a reference to a table, column, function or type that does not exist, with "did you mean". */
import { firstLine } from '../../sources/sql.js';
import type { LintRule } from '../types.js';
import { isMissingObject } from './replay-errors.js';

export const missingObject: LintRule = {
  id: 'missing-object',
  severity: 'error',
  description: 'statements must refer to tables, columns, functions and types that exist when they run',
  check: (ctx) =>
    ctx.replayFailures.filter(isMissingObject).map((f) => ({
      kind: 'statement',
      object: /"([^"]+)"/.exec(f.message)?.[1] ?? f.statement.file,
      file: f.statement.file,
      line: f.line,
      column: f.column,
      message: `${f.message}${f.suggestion ? `; did you mean "${f.suggestion}"?` : ''} (in: ${firstLine(f.statement.text)})`,
      ...(f.suggestion ? { hint: `did you mean "${f.suggestion}"?` } : { hint: 'create it in an earlier migration, or fix the name' }),
    })),
};
