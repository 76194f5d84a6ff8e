/** foreign-table-in-api (splinter 0017): a foreign table in an exposed schema that the API roles may select; it has no row level security. */
import { rolesThatSelect, type LiveAuditRule } from './types.js';

export const foreignTableInApi: LiveAuditRule = {
  id: 'foreign-table-in-api',
  severity: 'warning',
  description: 'foreign tables in an exposed schema are readable in full by the API roles: they have no row level security',
  sql: `select format('%I.%I', n.nspname, c.relname) as table, ${rolesThatSelect('c.oid')} as roles
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'f' and n.nspname = any ({exposed}) order by 1`,
  findings: (rows) =>
    rows.filter((r) => (r.roles as string[]).length).map((r) => ({
      kind: 'foreign table',
      object: String(r.table),
      message: `foreign table ${String(r.table)} can be read whole by ${(r.roles as string[]).join(' and ')} through the API: row level security does not apply to foreign tables`,
      hint: 'move it to a schema the API does not expose, or revoke select on it from the API roles',
    })),
};
