/** rls-no-policy: row level security enabled but no policy, so no API role can reach any row. */
import { tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { exposedTables } from './scope.js';

export const rlsNoPolicy: AuditRule = {
  id: 'rls-no-policy',
  severity: 'info',
  description: 'a table with row level security enabled and no policy denies every API role',
  check: (schema, options) =>
    exposedTables(schema, options)
      .filter((t) => t.rls.enabled && !t.policies.length)
      .map((t) => ({
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} has row level security enabled but no policy: only the owner and roles that bypass RLS can reach its rows`,
        hint: 'add policies for the roles that should reach it, or keep it that way on purpose and turn this rule off for it',
      })),
};
