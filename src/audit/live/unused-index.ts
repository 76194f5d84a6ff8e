/** unused-index (splinter 0005): an index never scanned since statistics were last reset, that is not a key. */
import type { LiveAuditRule } from './types.js';

export const unusedIndex: LiveAuditRule = {
  id: 'unused-index',
  severity: 'info',
  description: 'indexes that no query has used since the statistics were reset (they slow every write)',
  sql: `select format('%I.%I', s.schemaname, s.indexrelname) as index, format('%I.%I', s.schemaname, s.relname) as table,
          pg_size_pretty(pg_relation_size(s.indexrelid)) as size, coalesce(d.stats_reset::text, 'the server started') as since
        from pg_stat_user_indexes s join pg_index i on i.indexrelid = s.indexrelid
        cross join (select stats_reset from pg_stat_database where datname = current_database()) d
        where s.idx_scan = 0 and not i.indisunique and not i.indisprimary
          and not exists (select 1 from pg_constraint k where k.conindid = s.indexrelid)
          and s.schemaname <> all ({platform})
        order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'index',
      object: String(r.index),
      message: `index ${String(r.index)} on ${String(r.table)} (${String(r.size)}) has not been used by any query since ${String(r.since)}, and every write to the table keeps it up to date`,
      hint: 'drop it if the workload that needs it is not still to come (check the statistics on production, where the queries run)',
    })),
};
