/** The timeout rules: a setting that must come before the first statement of a file that takes a lock. */
import { inner } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

/** Statements that take no lock worth a timeout: reading, settings, transaction control. */
const LOCK_FREE = new Set(['SelectStmt', 'VariableSetStmt', 'VariableShowStmt', 'TransactionStmt', 'ExplainStmt']);

export function timeoutRule(id: string, setting: string, why: string, example: string): LintRule {
  return {
    id,
    severity: 'warning',
    optIn: true,
    description: `migrations should SET ${setting} before the first statement that takes a lock`,
    lock: why,
    instead: `start the file with SET ${setting} = ${example}; and retry the migration when it times out`,
    check: (ctx) => {
      const done = new Set<string>();
      return eachStatement(ctx, (place) => {
        const key = place.file.path;
        if (done.has(key)) return [];
        const variable = inner<{ name?: string; kind?: string }>(place.stmt, 'VariableSetStmt');
        if (variable?.name?.toLowerCase() === setting && variable.kind !== 'VAR_RESET') done.add(key);
        if (done.has(key) || LOCK_FREE.has(place.stmt.kind)) return [];
        done.add(key);
        return [at(place, { kind: 'statement', object: key, message: `this statement takes a lock before ${setting} is set: ${why}`, hint: `start the file with SET ${setting} = ${example};` })];
      }, { includeFailed: true });
    },
  };
}
