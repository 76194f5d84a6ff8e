/** invalid-index (splinter 0030): an index left invalid by a CREATE INDEX CONCURRENTLY that failed: never used, always maintained. */
import type { LiveAuditRule } from './types.js';

export const invalidIndex: LiveAuditRule = {
  id: 'invalid-index',
  severity: 'warning',
  description: 'indexes left invalid by a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY',
  sql: `select format('%I.%I', n.nspname, c.relname) as index, i.indrelid::regclass::text as table
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
        where not i.indisvalid and n.nspname <> all ({platform}) order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'index',
      object: String(r.index),
      message: `index ${String(r.index)} on ${String(r.table)} is invalid: queries never use it, yet every write maintains it (a concurrent build or reindex failed)`,
      hint: 'drop it and build it again CONCURRENTLY, or REINDEX INDEX CONCURRENTLY it',
      fix: `drop index concurrently ${String(r.index)};`,
    })),
};
