/**
 * constraint-not-valid: a foreign key or check added to an existing table scans it under a lock unless
 * NOT VALID; and a NOT VALID constraint validated in the transaction that added it gains nothing.
 */
import { quoteIdent } from '../../model/ident.js';
import type { LintRule } from '../types.js';
import { transactionKind } from '../ast.js';
import { addedConstraints, at, eachStatement, existingTableCommands } from './walk.js';

const WHAT: Record<string, string> = { CONSTR_FOREIGN: 'foreign key', CONSTR_CHECK: 'check constraint' };

export const constraintNotValid: LintRule = {
  id: 'constraint-not-valid',
  severity: 'warning',
  description: 'foreign keys and checks added to existing tables should be NOT VALID, then validated in a separate transaction',
  lock: 'SHARE ROW EXCLUSIVE on the table (and the referenced table, for a foreign key) while every row is checked',
  instead: 'add it NOT VALID, then VALIDATE CONSTRAINT in a later migration (validation takes only SHARE UPDATE EXCLUSIVE)',
  check: (ctx) => {
    // Constraints added NOT VALID in the transaction still open, per file.
    const pending = new Map<string, Set<string>>();
    return eachStatement(ctx, (place) => {
      const key = place.file.path;
      if (transactionKind(place.stmt)) pending.delete(key);
      const open = pending.get(key) ?? new Set<string>();
      pending.set(key, open);
      const findings = addedConstraints(place)
        .filter(({ k }) => WHAT[String(k.contype)])
        .flatMap(({ table, tableSql, k }) => {
          const what = WHAT[String(k.contype)]!;
          const name = (k.conname as string | undefined) ?? what;
          if (k.skip_validation) {
            if (place.inTransaction) open.add(`${table}.${name}`);
            return [];
          }
          return [at(place, {
            kind: 'constraint',
            object: `${table}.${name}`,
            message: `adding ${what} ${name} to ${table} checks every row while blocking writes${k.contype === 'CONSTR_FOREIGN' ? ' (on both tables)' : ''}`,
            hint: k.conname ? `add it NOT VALID, then ALTER TABLE ${tableSql} VALIDATE CONSTRAINT ${quoteIdent(String(k.conname))} in a separate migration` : 'name it, add it NOT VALID, then VALIDATE CONSTRAINT it in a separate migration',
          })];
        });
      const validated = existingTableCommands(place, 'AT_ValidateConstraint')
        .filter(({ table, cmd }) => place.inTransaction && open.has(`${table}.${String(cmd.name)}`))
        .map(({ table, cmd }) => at(place, {
          kind: 'constraint',
          object: `${table}.${String(cmd.name)}`,
          message: `${String(cmd.name)} is validated in the same transaction that added it NOT VALID: the lock of the ADD is held while every row is checked, as if NOT VALID were not there`,
          hint: 'validate it in a later migration (a separate transaction)',
        }));
      return [...findings, ...validated];
    });
  },
};
