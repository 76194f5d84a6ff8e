/**
 * write-policy-always-true (splinter 0024): a permissive INSERT, UPDATE, DELETE or ALL policy that is
 * always true for the API roles (its WITH CHECK for what it writes, its USING for the rows it may
 * change or delete) lets anyone with that role write any row: on an exposed table through the API, on
 * `storage.objects` through the Storage API (any file, into any bucket, under any path).
 */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { PolicyDef, TableDef } from '../../model/types.js';
import { isAlwaysTrue } from '../expressions.js';
import type { AuditRule } from '../types.js';
import { exposedTables } from './scope.js';

const API_ROLES = ['anon', 'authenticated', 'public'];
/** Platform tables that a Supabase API writes to on the caller's behalf. */
const STORAGE_TABLES = new Set(['storage.objects', 'storage.buckets']);

/** What an always-true policy lets the roles do, if anything: write any row (its check), or change or delete any row (its USING). */
function writesAnything(p: PolicyDef): string | undefined {
  if (!p.permissive || p.command === 'select' || !p.roles.some((r) => API_ROLES.includes(r))) return undefined;
  if (p.command !== 'delete' && isAlwaysTrue(p.withCheck ?? p.using)) return p.command === 'all' ? 'write' : p.command;
  if (p.command !== 'insert' && isAlwaysTrue(p.using)) return p.command === 'all' ? 'change or delete' : p.command;
  return undefined;
}

export const writePolicyAlwaysTrue: AuditRule = {
  id: 'write-policy-always-true',
  severity: 'warning',
  description: 'a permissive INSERT/UPDATE/DELETE/ALL policy that is always true for anon, authenticated or public',
  check: (schema, options) => {
    const tables = new Set<TableDef>([...exposedTables(schema, options), ...schema.tables.filter((t) => STORAGE_TABLES.has(tableId(t)))]);
    return [...tables].flatMap((t) =>
      t.policies.filter((p) => writesAnything(p)).map((p) => ({
        kind: 'policy',
        object: `${tableId(t)}.${quoteIdent(p.name)}`,
        message: `policy ${quoteIdent(p.name)} on ${tableId(t)} lets ${p.roles.join(', ')} ${writesAnything(p)} any row: it is always true`,
        hint: STORAGE_TABLES.has(tableId(t))
          ? 'check the bucket and the path, e.g. with check (bucket_id = \'avatars\' and (select auth.uid())::text = (storage.foldername(name))[1])'
          : 'check the row against the caller, e.g. with check ((select auth.uid()) = user_id)',
      })),
    );
  },
};
