/** create-domain-with-constraint (style): constraints on domains are hard to change later; put them on the columns. */
import { inner, sval } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const createDomainWithConstraint: LintRule = {
  id: 'create-domain-with-constraint',
  severity: 'info',
  optIn: true,
  description: 'domains with CHECK constraints (changing them later checks every column that uses the domain)',
  instead: 'put the CHECK on the table columns, where it can be added NOT VALID and validated later',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const d = inner<{ domainname?: unknown[]; constraints?: { Constraint: { contype?: string } }[] }>(place.stmt, 'CreateDomainStmt');
      if (!d?.constraints?.some((c) => c.Constraint.contype === 'CONSTR_CHECK')) return [];
      const name = (d.domainname ?? []).map(sval).join('.');
      return [at(place, { kind: 'type', object: name, message: `domain ${name} has a CHECK constraint: changing it later checks every column of the domain at once`, hint: createDomainWithConstraint.instead! })];
    }),
};
