/** not-idempotent: a file that says it is idempotent (or all files, with --idempotent) fails or changes the schema when run twice. */
import { firstLine } from '../../sources/sql.js';
import type { LintRule } from '../types.js';

export const notIdempotent: LintRule = {
  id: 'not-idempotent',
  severity: 'error',
  description: 'a migration marked idempotent must succeed, and change nothing, when it runs a second time',
  check: (ctx) => {
    // A statement that failed the first time is reported by the replay rules, not here.
    const failedOnce = new Set(ctx.replayFailures.map((f) => f.statement));
    return ctx.idempotency.flatMap((r) => [
      ...r.failures.filter((f) => !failedOnce.has(f.statement)).map((f) => ({
        kind: 'statement',
        object: r.file,
        file: r.file,
        line: f.line,
        column: f.column,
        message: `run a second time, this fails: ${f.message} (in: ${firstLine(f.statement.text)})`,
        hint: 'use IF NOT EXISTS / IF EXISTS / OR REPLACE, or a DO block that checks first',
      })),
      ...(r.changed ? [{ kind: 'file', object: r.file, file: r.file, line: 1, column: 1, message: `run a second time, the file changes the schema: ${r.changed}` }] : []),
    ]);
  },
};
