/** alter-domain-add-constraint: a constraint added to a domain checks every column of that domain, in every table, under lock. */
import { inner, sval, type Node } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const alterDomainAddConstraint: LintRule = {
  id: 'alter-domain-add-constraint',
  severity: 'warning',
  description: 'constraints added to a domain should be NOT VALID, then validated separately',
  lock: 'SHARE on every table with a column of the domain, while all of them are scanned',
  instead: 'ADD CONSTRAINT ... NOT VALID, then ALTER DOMAIN ... VALIDATE CONSTRAINT in a later migration',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const d = inner<{ subtype?: string; typeName?: unknown[]; def?: { Constraint: Node } }>(place.stmt, 'AlterDomainStmt');
      if (d?.subtype !== 'C' || d.def?.Constraint.skip_validation) return [];
      const name = (d.typeName ?? []).map(sval).join('.');
      return [at(place, { kind: 'type', object: name, message: `adding a constraint to domain ${name} checks every value of it in every table that uses it, while blocking their writes`, hint: alterDomainAddConstraint.instead! })];
    }),
};
