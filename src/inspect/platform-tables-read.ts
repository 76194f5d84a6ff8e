/** Reading the state of a database's platform tables (see platform-tables.ts). */
import { qualify } from '../model/ident.js';
import { platformTableState } from './build.js';
import { type Queryable } from './inspect.js';
import { PLATFORM_SCHEMAS } from './scope.js';
import type { PlatformTableState } from './platform-tables.js';
import { platformTablesQuery } from './queries.js';

export async function platformTables(db: Queryable): Promise<Record<string, PlatformTableState>> {
  const { rows } = await db.query(platformTablesQuery, [PLATFORM_SCHEMAS, null, PLATFORM_SCHEMAS]);
  const tables = JSON.parse(String(rows[0]!.data)) as Record<string, unknown>[];
  const entries = tables.map((r) => [qualify(String(r.schema), String(r.name)), platformTableState(r)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
