/** conflicting-definition: a policy, function, trigger or index defined again, differently, without a DROP first. */
import type { LintRule } from '../types.js';
import { redefinitions } from './definitions.js';

export const conflictingDefinition: LintRule = {
  id: 'conflicting-definition',
  severity: 'warning',
  description: 'an object defined twice with different bodies: which one wins depends on IF NOT EXISTS / OR REPLACE, not on intent',
  check: (ctx) =>
    redefinitions(ctx)
      // `create or replace function` in a later migration is how a project changes a function.
      .filter((r) => !r.same && !(r.kind === 'function' && (r.stmt.node.CreateFunctionStmt as { replace?: boolean }).replace))
      .map((r) => ({
        kind: r.kind,
        object: r.name,
        file: r.file,
        line: r.stmt.line,
        column: r.stmt.column,
        message: `${r.kind} ${r.name} is defined again, differently, after ${r.first.file}:${r.first.line}`,
        hint: r.kind === 'function' ? 'if the new body is meant to replace the old one, keep it and say so in the migration; otherwise remove one' : `drop the ${r.kind} first if it is meant to change; otherwise remove one definition`,
      })),
};
