/** duplicate-definition: a policy, function, trigger or index defined again, identically. */
import type { LintRule } from '../types.js';
import { redefinitions } from './definitions.js';

export const duplicateDefinition: LintRule = {
  id: 'duplicate-definition',
  severity: 'info',
  description: 'an object defined twice with the same body',
  check: (ctx) =>
    redefinitions(ctx)
      .filter((r) => r.same)
      .map((r) => ({ kind: r.kind, object: r.name, file: r.file, line: r.stmt.line, column: r.stmt.column, message: `${r.kind} ${r.name} is defined again, identically, after ${r.first.file}:${r.first.line}`, hint: 'remove the repeated definition' })),
};
