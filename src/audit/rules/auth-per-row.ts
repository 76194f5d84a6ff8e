/**
 * auth-per-row: a policy that calls auth.uid(), auth.jwt(), auth.role() or current_setting() directly
 * runs the function once per row; wrapped as `(select auth.uid())` Postgres runs it once per query.
 */
import { quoteIdent, tableId } from '../../model/ident.js';
import { functionsCalledPerRow } from '../expressions.js';
import type { AuditRule } from '../types.js';

const PER_ROW = new Set(['auth.uid', 'auth.jwt', 'auth.role', 'auth.email', 'current_setting', 'pg_catalog.current_setting']);

export const authPerRow: AuditRule = {
  id: 'auth-per-row',
  severity: 'warning',
  description: 'policies should call auth functions as (select auth.uid()) so they run once per query, not once per row',
  check: (schema) =>
    schema.tables.flatMap((t) =>
      t.policies.flatMap((p) => {
        const calls = [...new Set([...functionsCalledPerRow(p.using), ...functionsCalledPerRow(p.withCheck)].filter((f) => PER_ROW.has(f)))];
        if (!calls.length) return [];
        return [{
          kind: 'policy',
          object: `${tableId(t)}.${quoteIdent(p.name)}`,
          message: `policy ${quoteIdent(p.name)} on ${tableId(t)} calls ${calls.map((c) => `${c}()`).join(', ')} for every row it checks`,
          hint: `wrap each call in a sub-select: ${calls.map((c) => `(select ${c}())`).join(', ')}`,
        }];
      }),
    ),
};
