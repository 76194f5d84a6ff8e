/**
 * Inspection: run the catalog queries on any connection (live server, PGlite shadow) inside one
 * read-only transaction, then turn the rows into the model. Database access stops at `Queryable`;
 * everything after `readCatalog` is pure.
 */
import { ALL_QUERIES, type QueryName } from './queries.js';
import { buildSchema } from './build.js';
import type { Schema } from '../model/types.js';
import { loadParser } from '../sources/sql.js';
import { DEFAULT_SCOPE, PLATFORM_SCHEMAS, type InspectScope } from './scope.js';

/** The one thing inspection needs from a connection: pg's Client and PGlite both fit. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export type CatalogRows = Record<QueryName, Record<string, unknown>[]>;

/** Run every catalog query in one read-only transaction, after `settings` (`set local …`). Never writes. */
export async function readCatalog(db: Queryable, scope: InspectScope = DEFAULT_SCOPE, settings: string[] = []): Promise<CatalogRows> {
  const platform = scope.includeSchemas ? [] : scope.excludeSchemas.filter((s) => PLATFORM_SCHEMAS.includes(s));
  const params = [scope.excludeSchemas, scope.includeSchemas ?? null, platform];
  await db.query('begin transaction isolation level repeatable read read only');
  try {
    // An empty search_path makes Postgres schema-qualify every name it renders (types, defaults,
    // references, view bodies), so the output does not depend on the session's settings.
    await db.query('set local search_path = pg_catalog');
    for (const setting of settings) await db.query(setting);
    const out = {} as CatalogRows;
    for (const [name, sql] of Object.entries(ALL_QUERIES) as [QueryName, string][]) {
      const { rows } = await db.query(sql, params);
      out[name] = JSON.parse(String(rows[0]?.data ?? '[]')) as Record<string, unknown>[];
    }
    return out;
  } finally {
    await db.query('rollback');
  }
}

export async function inspect(db: Queryable, scope: InspectScope = DEFAULT_SCOPE, settings: string[] = []): Promise<Schema> {
  const [rows] = await Promise.all([readCatalog(db, scope, settings), loadParser()]);
  return buildSchema(rows);
}
