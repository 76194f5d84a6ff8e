/** Reading the RLS settings of a database's platform tables (see platform-rls.ts). */
import { qualify } from '../model/ident.js';
import { PLATFORM_SCHEMAS, type Queryable } from './inspect.js';

export async function platformRls(db: Queryable): Promise<Record<string, { enabled: boolean; forced: boolean }>> {
  const { rows } = await db.query(
    `select n.nspname as schema, c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any($1) and c.relkind in ('r', 'p') and not c.relispartition order by 1, 2`,
    [PLATFORM_SCHEMAS],
  );
  return Object.fromEntries(rows.map((r) => [qualify(String(r.schema), String(r.name)), { enabled: Boolean(r.enabled), forced: Boolean(r.forced) }]));
}
