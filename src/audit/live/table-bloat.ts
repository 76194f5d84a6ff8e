/** table-bloat (splinter 0020): a table whose dead rows outnumber its live ones, by the statistics collector. */
import type { LiveAuditRule } from './types.js';

export const tableBloat: LiveAuditRule = {
  id: 'table-bloat',
  severity: 'info',
  description: 'tables mostly made of dead rows (bloat) that VACUUM has not reclaimed',
  sql: `select format('%I.%I', s.schemaname, s.relname) as table, s.n_live_tup as live, s.n_dead_tup as dead,
          pg_size_pretty(pg_table_size(s.relid)) as size
        from pg_stat_user_tables s
        where s.n_dead_tup > 1000 and s.n_dead_tup > s.n_live_tup and s.schemaname <> all ({platform}) order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'table',
      object: String(r.table),
      message: `table ${String(r.table)} (${String(r.size)}) holds ${String(r.dead)} dead rows against ${String(r.live)} live ones: scans read the dead ones too`,
      hint: 'check that autovacuum keeps up with it (or VACUUM it); to give the space back, rebuild it with pg_repack',
    })),
};
