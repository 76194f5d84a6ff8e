/**
 * Canonical order for a schema: every collection sorted by identity (columns keep table order),
 * so that two inspections of the same database serialize to identical bytes.
 */
import type { Schema, TableDef } from './types.js';

const byName = <T extends { name: string }>(a: T, b: T) => compare(a.name, b.name);
const bySchemaName = <T extends { schema: string; name: string }>(a: T, b: T) =>
  compare(a.schema, b.schema) || compare(a.name, b.name);

/** Code-point order, independent of the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalizeTable(t: TableDef): TableDef {
  return {
    ...t,
    constraints: [...t.constraints].sort(byName),
    indexes: [...t.indexes].sort(byName),
    policies: [...t.policies].sort(byName),
  };
}

export function normalizeSchema(s: Schema): Schema {
  return {
    schemas: [...s.schemas].sort(byName),
    extensions: [...s.extensions].sort(byName),
    collations: [...(s.collations ?? [])].sort(bySchemaName),
    enums: [...s.enums].sort(bySchemaName),
    domains: [...s.domains].sort(bySchemaName),
    compositeTypes: [...s.compositeTypes].sort(bySchemaName),
    rangeTypes: [...(s.rangeTypes ?? [])].sort(bySchemaName),
    sequences: [...s.sequences].sort(bySchemaName),
    tables: s.tables.map(normalizeTable).sort(bySchemaName),
    views: [...s.views].sort(bySchemaName),
    materializedViews: s.materializedViews
      .map((m) => ({ ...m, indexes: [...m.indexes].sort(byName) }))
      .sort(bySchemaName),
    functions: [...s.functions].sort((a, b) => bySchemaName(a, b) || compare(a.identityArgs, b.identityArgs)),
    triggers: [...s.triggers].sort(
      (a, b) => compare(a.schema, b.schema) || compare(a.table, b.table) || compare(a.name, b.name),
    ),
    publications: (s.publications ?? []).map((p) => ({ ...p, tables: [...p.tables].sort(compare) })).sort(byName),
    defaultPrivileges: [...(s.defaultPrivileges ?? [])].sort((a, b) => compare(a.role, b.role) || compare(a.schema ?? '', b.schema ?? '') || compare(a.on, b.on)),
    dependencies: [...(s.dependencies ?? [])].sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b))),
  };
}
