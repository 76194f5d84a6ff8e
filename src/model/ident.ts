/**
 * Identifier quoting and object identities. Identities are what the model, the diff and every report
 * use to name an object: `public.users`, `public."User".id`, `public.touch(integer)`. A part is quoted
 * exactly when Postgres would need it quoted, so an identity can be pasted into SQL.
 */
import { RESERVED_KEYWORDS } from './keywords.js';

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;

/** Quote an identifier for SQL the way Postgres' quote_ident does. */
export function quoteIdent(name: string): string {
  if (SIMPLE.test(name) && !RESERVED_KEYWORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted only when needed. */
export function qualify(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Quote a SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function tableId(t: { schema: string; name: string }): string {
  return qualify(t.schema, t.name);
}

export function columnId(table: { schema: string; name: string }, column: string): string {
  return `${tableId(table)}.${quoteIdent(column)}`;
}

export function functionId(f: { schema: string; name: string; identityArgs: string }): string {
  return `${qualify(f.schema, f.name)}(${f.identityArgs})`;
}
