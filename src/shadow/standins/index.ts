import { http } from './http.js';
import { pg_cron, pg_graphql, pg_hashids, pg_jsonschema, pg_net, pgjwt, pgsodium, supabase_vault, wrappers } from './platform.js';
import type { StandinExtension } from './types.js';
import { vector } from './vector.js';

export type { StandinExtension } from './types.js';
export { controlFile, installScript } from './types.js';
export { VECTOR_ACCESS_METHODS } from './vector.js';

export const STANDINS: ReadonlyMap<string, StandinExtension> = new Map(
  [vector, http, pg_net, pg_cron, pg_graphql, pgjwt, pg_jsonschema, pg_hashids, supabase_vault, pgsodium, wrappers].map((e) => [e.name, e]),
);
