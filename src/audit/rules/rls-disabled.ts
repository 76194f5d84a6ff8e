/** rls-disabled: a table in an exposed schema without row level security that the API roles are granted. */
import { tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { closedTo, enableRls, exposedTables } from './scope.js';

export const rlsDisabled: AuditRule = {
  id: 'rls-disabled',
  severity: 'error',
  description: 'tables in an exposed schema must have row level security enabled',
  check: (schema, options) =>
    exposedTables(schema, options)
      .filter((t) => !t.rls.enabled && !t.policies.length && !closedTo(t, options.roles))
      .map((t) => ({
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} is in the exposed schema ${t.schema} without row level security: every role with table privileges (in Supabase, anyone with the anon key) reads and writes every row`,
        hint: 'enable row level security, then add policies for what each role may do',
        fix: enableRls(t),
      })),
};
