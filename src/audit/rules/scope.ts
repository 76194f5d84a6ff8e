/** Helpers shared by rules: which tables are exposed, and fix SQL. */
import { globToRegExp } from '../../diff/ignore.js';
import { tableId } from '../../model/ident.js';
import { effectiveGrants } from '../../model/grants.js';
import { PLATFORM_SCHEMAS } from '../../inspect/scope.js';
import type { GrantDef, Schema, TableDef } from '../../model/types.js';
import type { AuditOptions } from '../types.js';

export function exposedTables(schema: Schema, options: AuditOptions): TableDef[] {
  // A partition is reached through its parent; RLS is checked there.
  return schema.tables.filter((t) => options.exposedSchemas.includes(t.schema) && !t.partitionOf);
}

export function matchesAny(identity: string, globs: string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(identity) || globToRegExp(g).test(identity.replaceAll('"', '')));
}

export const enableRls = (t: TableDef) => `alter table ${tableId(t)} enable row level security;`;

/**
 * The roles cannot reach the relation: the model holds its grants (it has some), and none of them,
 * on the relation or one of its columns, is to these roles or PUBLIC. Where the model holds no
 * grants (a source that cannot describe them, or every grant revoked) the rule still speaks.
 * `privileges` narrows what counts (a materialized view is only read: SELECT).
 */
export function closedTo(relation: { grants?: GrantDef[]; columns: (string | { grants?: GrantDef[] })[] }, roles: string[], privileges?: string[]): boolean {
  const columnGrants = relation.columns.flatMap((c) => (typeof c === 'string' ? [] : (c.grants ?? [])));
  const reaches = (g: GrantDef) =>
    (g.grantee === 'PUBLIC' || roles.includes(g.grantee)) && (!privileges || g.privileges.some((p) => p === 'ALL' || privileges.includes(p)));
  return relation.grants !== undefined && ![...relation.grants, ...columnGrants].some(reaches);
}

/** Whether a role (directly or through PUBLIC) may execute the function, its default grants included. */
export function executableBy(f: { grants?: GrantDef[] }, role: string): boolean {
  return effectiveGrants('function', f.grants).some((g) => (g.grantee === 'PUBLIC' || g.grantee === role) && g.privileges.some((p) => p === 'ALL' || p === 'EXECUTE'));
}

/** Schemas of the platform and of extensions that the audit leaves to their owners (auth, storage, extensions…). */
export const isUserSchema = (schema: string) => !PLATFORM_SCHEMAS.includes(schema) && !schema.startsWith('pg_') && schema !== 'information_schema';

/** The function fixes its own search_path (`SET search_path = …` on it). */
export const fixesSearchPath = (f: { config?: string[] }) => (f.config ?? []).some((c) => c.startsWith('search_path='));

/** `schema.name` of the tables the API roles cannot read whole: RLS protects them, or their schema is not exposed. */
export function guardedTables(schema: Schema, options: AuditOptions): Set<string> {
  return new Set(schema.tables.filter((t) => t.rls.enabled || !options.exposedSchemas.includes(t.schema)).map((t) => `${t.schema}.${t.name}`));
}
