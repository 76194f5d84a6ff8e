/** constraint-not-valid: a foreign key or check added to an existing table scans it under a lock unless NOT VALID. */
import type { Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

export const constraintNotValid: LintRule = {
  id: 'constraint-not-valid',
  severity: 'warning',
  description: 'foreign keys and checks added to existing tables should be NOT VALID, then validated separately',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      return existingTableCommands(place, 'AT_AddConstraint')
        .map(({ table, cmd }) => ({ table, k: (cmd.def as { Constraint: Node }).Constraint }))
        .filter(({ k }) => (k.contype === 'CONSTR_FOREIGN' || k.contype === 'CONSTR_CHECK') && !k.skip_validation)
        .map(({ table, k }) => {
          const what = k.contype === 'CONSTR_FOREIGN' ? 'foreign key' : 'check constraint';
          const name = (k.conname as string | undefined) ?? what;
          return at(place, {
            kind: 'constraint',
            object: `${table}.${name}`,
            message: `adding ${what} ${name} to ${table} checks every row while blocking writes${k.contype === 'CONSTR_FOREIGN' ? ' (on both tables)' : ''}`,
            hint: `add it NOT VALID, then ALTER TABLE ${table} VALIDATE CONSTRAINT ${name} in a separate migration`,
          });
        });
    }),
};
