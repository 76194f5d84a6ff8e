/** policy-without-rls: policies that do nothing, because row level security is disabled. */
import { tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { enableRls } from './scope.js';

export const policyWithoutRls: AuditRule = {
  id: 'policy-without-rls',
  severity: 'error',
  description: 'policies exist on a table whose row level security is disabled, so none of them applies',
  check: (schema) =>
    schema.tables
      .filter((t) => !t.rls.enabled && t.policies.length)
      .map((t) => ({
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} has ${t.policies.length} polic${t.policies.length === 1 ? 'y' : 'ies'} (${t.policies.map((p) => p.name).join(', ')}) but row level security is disabled, so none applies and every row is reachable`,
        hint: 'enable row level security on the table',
        fix: enableRls(t),
      })),
};
