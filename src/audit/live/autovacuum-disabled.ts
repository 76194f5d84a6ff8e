/** autovacuum-disabled (splinter 0030): a table with autovacuum turned off, which bloats and risks transaction ID wraparound. */
import type { LiveAuditRule } from './types.js';

export const autovacuumDisabled: LiveAuditRule = {
  id: 'autovacuum-disabled',
  severity: 'warning',
  description: 'tables should not turn autovacuum off',
  sql: `select format('%I.%I', n.nspname, c.relname) as table
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'm', 'p') and c.reloptions::text[] && array['autovacuum_enabled=false', 'autovacuum_enabled=off']
          and n.nspname <> all ({platform}) order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'table',
      object: String(r.table),
      message: `table ${String(r.table)} has autovacuum turned off: dead rows pile up, and without manual VACUUM the database eventually stops to avoid transaction ID wraparound`,
      fix: `alter table ${String(r.table)} reset (autovacuum_enabled);`,
    })),
};
