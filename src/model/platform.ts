/**
 * What the platform makes that a project adds to: Supabase's `supabase_realtime` publication exists,
 * empty, in every Supabase database. A model holds it only once the project published tables in it,
 * and a comparison takes it as empty where a model does not hold it.
 */
import { tableId } from './ident.js';
import type { PublicationDef, TableDef } from './types.js';

/**
 * Extensions Supabase's image creates, each in the schema it puts it in. They are the platform's: a
 * newer image may lack one (PG 17 images have no pgjwt), so they are not part of a project's model.
 */
export const PLATFORM_EXTENSIONS: ReadonlySet<string> = new Set(
  ['pgcrypto@extensions', 'uuid-ossp@extensions', 'pgjwt@extensions', 'pg_stat_statements@extensions', 'pg_graphql@graphql', 'pgsodium@pgsodium', 'supabase_vault@vault'],
);

/**
 * The roles whose grants on platform tables the model holds: those the Data API hands every request
 * to. Grants to the platform's service roles change between platform versions and are its own.
 */
export const PLATFORM_GRANTEES: ReadonlySet<string> = new Set(['PUBLIC', 'anon', 'authenticated']);

export const PLATFORM_PUBLICATIONS: ReadonlySet<string> = new Set(['supabase_realtime']);

/** The platform's publications that `other` has and `pubs` lacks, added empty. */
export function withPlatformPublications(pubs: PublicationDef[], other: PublicationDef[]): PublicationDef[] {
  const have = new Set(pubs.map((p) => p.name));
  const empty = other.filter((p) => PLATFORM_PUBLICATIONS.has(p.name) && !have.has(p.name)).map(({ schemas: _, ...p }) => ({ ...p, tables: [] }));
  return empty.length ? [...pubs, ...empty] : pubs;
}

/**
 * The platform tables (TableZ.platform) that `other` has and `tables` lacks, as the platform made
 * them: its own RLS setting and grants, and no policies of the project's.
 */
export function withPlatformTables(tables: TableDef[], other: TableDef[]): TableDef[] {
  const have = new Set(tables.map(tableId));
  const untouched = other
    .filter((t) => t.platform && !have.has(tableId(t)))
    .map(({ grants: _, ...t }) => ({ ...t, rls: t.platform!.rls, policies: [], ...(t.platform!.grants ? { grants: t.platform!.grants } : {}) }));
  return untouched.length ? [...tables, ...untouched] : tables;
}
