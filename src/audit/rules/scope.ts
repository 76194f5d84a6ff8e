/** Helpers shared by rules: which tables are exposed, and fix SQL. */
import { globToRegExp } from '../../diff/ignore.js';
import { tableId } from '../../model/ident.js';
import type { Schema, TableDef } from '../../model/types.js';
import type { AuditOptions } from '../types.js';

export function exposedTables(schema: Schema, options: AuditOptions): TableDef[] {
  // A partition is reached through its parent; RLS is checked there.
  return schema.tables.filter((t) => options.exposedSchemas.includes(t.schema) && !t.partitionOf);
}

export function matchesAny(identity: string, globs: string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(identity) || globToRegExp(g).test(identity.replaceAll('"', '')));
}

export const enableRls = (t: TableDef) => `alter table ${tableId(t)} enable row level security;`;
