/** tenant-not-isolated: a multi-tenant table whose policies never look at its tenant column. */
import { tableId } from '../../model/ident.js';
import type { TableDef } from '../../model/types.js';
import { columnsReferenced } from '../expressions.js';
import type { AuditOptions, AuditRule } from '../types.js';
import { exposedTables } from './scope.js';

export function tenantColumn(t: TableDef, options: AuditOptions): string | undefined {
  return options.tenantColumns.find((c) => t.columns.some((col) => col.name === c));
}

export const tenantNotIsolated: AuditRule = {
  id: 'tenant-not-isolated',
  severity: 'error',
  description: 'a table with a tenant column must have policies that reference it',
  check: (schema, options) =>
    exposedTables(schema, options).flatMap((t) => {
      const column = tenantColumn(t, options);
      if (!column || !t.rls.enabled || !t.policies.length) return [];
      // The primary key of the tenant table itself (organizations.id) is its tenant column.
      const mentioned = t.policies.some((p) => columnsReferenced(p.using).has(column) || columnsReferenced(p.withCheck).has(column));
      if (mentioned) return [];
      return [{
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} has the tenant column ${column}, but none of its policies (${t.policies.map((p) => p.name).join(', ')}) references it: users may reach other tenants' rows`,
        hint: `make every policy check ${column} against the user's tenants, e.g. using (${column} in (select ${column} from memberships where user_id = (select auth.uid())))`,
      }];
    }),
};
