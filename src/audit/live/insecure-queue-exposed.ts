/** insecure-queue-exposed (splinter 0019): a pgmq queue table without RLS that the API roles reach through pgmq_public. */
import { rolesThatSelect, type LiveAuditRule } from './types.js';

export const insecureQueueExposed: LiveAuditRule = {
  id: 'insecure-queue-exposed',
  severity: 'error',
  description: 'queues (pgmq) exposed through pgmq_public must have row level security',
  requires: 'pgmq.meta',
  sql: `select format('%I.%I', n.nspname, c.relname) as table, ${rolesThatSelect('c.oid')} as roles
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'pgmq' and c.relname like 'q\\_%' and c.relkind in ('r', 'p') and not c.relrowsecurity
          and 'pgmq_public' = any ({exposed}) order by 1`,
  findings: (rows) =>
    rows.filter((r) => (r.roles as string[]).length).map((r) => ({
      kind: 'table',
      object: String(r.table),
      message: `queue table ${String(r.table)} has no row level security and ${(r.roles as string[]).join(' and ')} may read it: through pgmq_public anyone can read, and pop, its messages`,
      fix: `alter table ${String(r.table)} enable row level security;`,
    })),
};
