/** rls-not-forced: the config asks for FORCE ROW LEVEL SECURITY (so the owner is bound too) and it is off. */
import { tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { matchesAny } from './scope.js';

export const rlsNotForced: AuditRule = {
  id: 'rls-not-forced',
  severity: 'warning',
  description: 'tables the config lists under audit.forceRls must force row level security',
  check: (schema, options) =>
    schema.tables
      .filter((t) => matchesAny(tableId(t), options.forceRls) && !t.rls.forced)
      .map((t) => ({
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} does not force row level security, so its owner (and functions running as the owner) bypass every policy`,
        fix: `alter table ${tableId(t)} ${t.rls.enabled ? '' : 'enable row level security, '}force row level security;`,
      })),
};
