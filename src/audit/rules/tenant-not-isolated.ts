/** tenant-not-isolated: a multi-tenant table whose policies never look at its tenant column. */
import { tableId } from '../../model/ident.js';
import type { TableDef } from '../../model/types.js';
import { columnsReferenced } from '../expressions.js';
import type { AuditOptions, AuditRule } from '../types.js';
import { exposedTables } from './scope.js';

export function tenantColumn(t: TableDef, options: AuditOptions): string | undefined {
  return tenantColumns(t, options)[0];
}

/** Every tenant column the table has (a table may carry both account_id and team_id). */
function tenantColumns(t: TableDef, options: AuditOptions): string[] {
  return options.tenantColumns.filter((c) => t.columns.some((col) => col.name === c));
}

/** A policy that gives each user only their own rows (`user_id = auth.uid()`) isolates tenants too. */
const ownRowsOnly = (expression: string | undefined) => !!expression && /\bauth\.uid\(\)/.test(expression) && columnsReferenced(expression).size > 0;

export const tenantNotIsolated: AuditRule = {
  id: 'tenant-not-isolated',
  severity: 'error',
  description: 'a table with a tenant column must have policies that reference it',
  check: (schema, options) =>
    exposedTables(schema, options).flatMap((t) => {
      const columns = tenantColumns(t, options);
      if (!columns.length || !t.rls.enabled || !t.policies.length) return [];
      const mentioned = t.policies.some((p) => columns.some((c) => columnsReferenced(p.using).has(c) || columnsReferenced(p.withCheck).has(c)));
      if (mentioned || t.policies.every((p) => ownRowsOnly(p.using ?? p.withCheck))) return [];
      const column = columns.join(' or ');
      return [{
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} has the tenant column ${column}, but none of its policies (${t.policies.map((p) => p.name).join(', ')}) references it: users may reach other tenants' rows`,
        hint: `make every policy check ${column} against the user's tenants, e.g. using (${column} in (select ${column} from memberships where user_id = (select auth.uid())))`,
      }];
    }),
};
