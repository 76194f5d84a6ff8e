/** extension-deprecated (splinter 0025): extensions that Supabase's PostgreSQL 17 images no longer ship. */
import { quoteIdent } from '../../model/ident.js';
import type { AuditRule } from '../types.js';

/** Gone from Supabase's PostgreSQL 17 images: a project using them cannot upgrade until it drops them. */
const DEPRECATED_IN_17: Record<string, string> = {
  plv8: 'write the functions in plpgsql or SQL, or move the logic to an Edge Function',
  timescaledb: 'use native partitioning (with pg_partman) instead of hypertables',
  adminpack: 'nothing replaces it; it only served pgAdmin\'s file functions',
};

export const extensionDeprecated: AuditRule = {
  id: 'extension-deprecated',
  severity: 'warning',
  description: 'extensions that Supabase\'s PostgreSQL 17 images no longer provide',
  check: (schema) =>
    schema.extensions.filter((e) => e.name in DEPRECATED_IN_17).map((e) => ({
      kind: 'extension',
      object: e.name,
      message: `extension ${e.name} is not in Supabase's PostgreSQL 17 images: the project cannot upgrade while it uses it`,
      hint: DEPRECATED_IN_17[e.name]!,
      fix: `drop extension ${quoteIdent(e.name)};`,
    })),
};
