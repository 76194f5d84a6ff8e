/** unused-replication-slot (splinter 0031): an inactive replication slot, which keeps WAL on disk until the disk fills. */
import { quoteLiteral } from '../../model/ident.js';
import type { LiveAuditRule } from './types.js';

export const unusedReplicationSlot: LiveAuditRule = {
  id: 'unused-replication-slot',
  severity: 'warning',
  description: 'replication slots that no consumer uses retain WAL without limit',
  sql: `select slot_name as slot, slot_type as type, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) as retained
        from pg_replication_slots where not active order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'replication slot',
      object: String(r.slot),
      message: `${String(r.type)} replication slot ${String(r.slot)} is not in use and keeps ${String(r.retained ?? 'its')} WAL on disk, growing until a consumer reads it or the disk is full`,
      fix: `select pg_drop_replication_slot(${quoteLiteral(String(r.slot))});`,
    })),
};
