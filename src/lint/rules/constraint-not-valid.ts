/** constraint-not-valid: a foreign key or check added to an existing table scans it under a lock unless NOT VALID. */
import { alterCommands, relationKey, targetTable, type Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const constraintNotValid: LintRule = {
  id: 'constraint-not-valid',
  severity: 'warning',
  description: 'foreign keys and checks added to existing tables should be NOT VALID, then validated separately',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const table = targetTable(place.stmt);
      if (!table || place.newTables.has(relationKey(table))) return [];
      return alterCommands(place.stmt)
        .filter((c) => c.subtype === 'AT_AddConstraint')
        .map((c) => (c.def as { Constraint: Node }).Constraint)
        .filter((k) => (k.contype === 'CONSTR_FOREIGN' || k.contype === 'CONSTR_CHECK') && !k.skip_validation)
        .map((k) => {
          const what = k.contype === 'CONSTR_FOREIGN' ? 'foreign key' : 'check constraint';
          const name = (k.conname as string | undefined) ?? what;
          return at(place, {
            kind: 'constraint',
            object: `${relationKey(table)}.${name}`,
            message: `adding ${what} ${name} to ${relationKey(table)} checks every row while blocking writes${k.contype === 'CONSTR_FOREIGN' ? ' (on both tables)' : ''}`,
            hint: `add it NOT VALID, then ALTER TABLE ${relationKey(table)} VALIDATE CONSTRAINT ${name} in a separate migration`,
          });
        });
    }),
};
