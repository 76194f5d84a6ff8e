/** A schema with nothing in it (kept apart from types.ts, whose zod schemas load only where a snapshot is read). */
import type { Schema } from './types.js';

export function emptySchema(): Schema {
  return {
    schemas: [],
    extensions: [],
    enums: [],
    domains: [],
    compositeTypes: [],
    rangeTypes: [],
    sequences: [],
    tables: [],
    views: [],
    materializedViews: [],
    functions: [],
    triggers: [],
    publications: [],
    defaultPrivileges: [],
    collations: [],
    dependencies: [],
  };
}
