/** tenant-policy-true: `USING (true)` for signed-in users on a multi-tenant table opens every tenant's rows. */
import { quoteIdent, tableId } from '../../model/ident.js';
import { isAlwaysTrue } from '../expressions.js';
import type { AuditRule } from '../types.js';
import { exposedTables } from './scope.js';
import { tenantColumn } from './tenant-not-isolated.js';

export const tenantPolicyTrue: AuditRule = {
  id: 'tenant-policy-true',
  severity: 'error',
  description: 'a permissive policy that is always true for authenticated users on a table with a tenant column',
  check: (schema, options) =>
    exposedTables(schema, options).flatMap((t) => {
      const column = tenantColumn(t, options);
      if (!column) return [];
      return t.policies
        .filter((p) => p.permissive && (p.roles.includes('authenticated') || p.roles.includes('public')) && (isAlwaysTrue(p.using) || (!p.using && isAlwaysTrue(p.withCheck))))
        .map((p) => ({
          kind: 'policy',
          object: `${tableId(t)}.${quoteIdent(p.name)}`,
          message: `policy ${quoteIdent(p.name)} on ${tableId(t)} is always true for ${p.roles.join(', ')} (${p.command}): every signed-in user reaches every tenant's rows, whatever ${column} says`,
          hint: `restrict it to the user's tenants through ${column}`,
        }));
    }),
};
