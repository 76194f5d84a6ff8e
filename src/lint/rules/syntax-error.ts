/** syntax-error: a statement that does not parse (the rest of the file is still linted). */
import type { LintRule } from '../types.js';
import { looksLikeMissingSemicolon } from '../parse.js';

export const syntaxError: LintRule = {
  id: 'syntax-error',
  severity: 'error',
  description: 'every statement must parse',
  check: (ctx) =>
    ctx.syntaxErrors
      .filter((e) => !looksLikeMissingSemicolon(e))
      .map((e) => ({ kind: 'statement', object: e.file, file: e.file, line: e.line, column: e.column, message: e.message })),
};
