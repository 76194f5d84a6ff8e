/** Which schemas inspection reads: what the project owns by default, the platform's left out. */
export interface InspectScope {
  /** Schemas to leave out (besides pg_catalog, information_schema and extension-owned schemas). */
  excludeSchemas: string[];
  /** Only these schemas, when given. */
  includeSchemas?: string[];
}

/**
 * Schemas that the platform (Supabase, Postgres extensions) manages and a project does not write.
 * Left out by default so that a replayed migrations folder and a live Supabase database compare on
 * what the project owns.
 */
export const PLATFORM_SCHEMAS = [
  'auth',
  'storage',
  'extensions',
  'graphql',
  'graphql_public',
  'realtime',
  '_realtime',
  'supabase_functions',
  'supabase_migrations',
  // pgdrift's own migration history (plain folders), as supabase_migrations is the Supabase CLI's.
  'pgdrift',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'net',
  'cron',
  'pgbouncer',
  '_analytics',
  'pgtle',
  'tiger',
  'topology',
];

export const DEFAULT_SCOPE: InspectScope = { excludeSchemas: PLATFORM_SCHEMAS };
