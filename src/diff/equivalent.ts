/**
 * Comparing SQL text by meaning rather than by spelling: two expressions, queries or function bodies
 * are equivalent when the real PostgreSQL parser reads them the same (locations ignored), or, for
 * bodies it cannot parse as SQL (PL/pgSQL), when they are the same tokens without whitespace and
 * comments. Formatting and the engine that printed them never count as drift.
 */
import { parseSync, scanSync } from 'libpg-query';

const LOCATION_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'list_start', 'list_end']);

/** A parse tree without source positions, and with array constants in one spelling (see arrayValue). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  const array = arrayValue(value as Record<string, unknown>);
  if (array) return { ArrayValue: canonical(array) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!LOCATION_KEYS.has(k)) out[k] = canonical(v);
  return out;
}

type ConstNode = { sval?: { sval?: string }; ival?: { ival?: number }; fval?: { fval?: string }; boolval?: { boolval?: boolean }; isnull?: boolean };
type TypeName = { names?: unknown[]; typmods?: unknown; arrayBounds?: unknown[] };
type CastNode = { arg?: Record<string, unknown>; typeName?: TypeName };

/** varchar or text without a length: a cast through it changes no string. */
function isPlainString(t: TypeName | undefined): boolean {
  const name = (t?.names?.at(-1) as { String?: { sval?: string } } | undefined)?.String?.sval;
  return !t?.typmods && !t?.arrayBounds?.length && (name === 'varchar' || name === 'text');
}

/** The type PostgreSQL gives an uncast constant in an ARRAY[...] (integer, numeric, boolean). */
const CONSTANT_TYPE: Record<string, string> = { ival: 'int4', fval: 'numeric', boolval: 'bool' };
const catalogType = (name: string): TypeName => ({ names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: name } }], typemod: -1 } as TypeName);

/** A constant's text as it stands in an array literal, and its type when it has one; undefined for anything else. */
function constant(node: unknown): { text: string; type?: TypeName } | undefined {
  const cast = (node as { TypeCast?: CastNode }).TypeCast;
  let value = cast?.arg ?? node;
  // ('a'::character varying)::text is 'a'::text: a string cast without a length keeps the text.
  const inner = (value as { TypeCast?: CastNode }).TypeCast;
  if (cast && inner && isPlainString(inner.typeName)) value = inner.arg;
  const c = (value as { A_Const?: ConstNode }).A_Const;
  if (!c || c.isnull) return undefined;
  const kind = (['sval', 'ival', 'fval', 'boolval'] as const).find((k) => c[k] !== undefined);
  if (!kind) return undefined;
  const raw = kind === 'sval' ? (c.sval!.sval ?? '') : kind === 'ival' ? String(c.ival!.ival ?? 0) : kind === 'fval' ? String(c.fval!.fval) : String(c.boolval!.boolval ?? false);
  const text = raw === '' || /[{},"\\\s]/.test(raw) || raw.toUpperCase() === 'NULL' ? `"${raw.replace(/["\\]/g, '\\$&')}"` : raw;
  const type = cast?.typeName ?? (CONSTANT_TYPE[kind] ? catalogType(CONSTANT_TYPE[kind]!) : undefined);
  return { text, ...(type ? { type } : {}) };
}

/**
 * An array of constants, however it is spelled: `ARRAY['a', 'b']::t[]`, `ARRAY['a'::t, 'b'::t]`
 * (how PostgreSQL prints the first back) and `'{a,b}'::t[]` are the same value. PostgreSQL stores a
 * default in the spelling it was written in (Prisma writes ARRAY[...], hand-written SQL often '{...}').
 */
function arrayValue(node: Record<string, unknown>): { literal: string; element?: TypeName } | undefined {
  const cast = node.TypeCast as CastNode | undefined;
  const arrayCast = cast?.typeName?.arrayBounds?.length ? cast.typeName : undefined;
  const element = arrayCast ? { ...arrayCast, arrayBounds: undefined } : undefined;
  const literal = arrayCast ? (cast!.arg?.A_Const as ConstNode | undefined)?.sval?.sval : undefined;
  if (literal !== undefined) return { literal, element };
  const expr = ((arrayCast ? cast!.arg : node) as { A_ArrayExpr?: { elements?: unknown[] } } | undefined)?.A_ArrayExpr;
  if (!expr) return undefined;
  const items = (expr.elements ?? []).map(constant);
  if (items.some((x) => x === undefined)) return undefined;
  const types = new Set(items.map((x) => JSON.stringify(canonical(x!.type ?? null))));
  const type = element ?? (types.size === 1 ? items[0]?.type : undefined);
  return { literal: `{${items.map((x) => x!.text).join(',')}}`, ...(type ? { element: type } : {}) };
}

const treeCache = new Map<string, string | null>();

/** A canonical form of SQL text, or null when it does not parse. */
function canonicalTree(sql: string): string | null {
  let cached = treeCache.get(sql);
  if (cached !== undefined) return cached;
  try {
    cached = JSON.stringify(canonical(parseSync(sql)));
  } catch {
    cached = null;
  }
  treeCache.set(sql, cached);
  return cached;
}

/** Token texts without whitespace and comments (keywords lower-cased), or null when it does not scan. */
function tokens(sql: string): string | null {
  try {
    return scanSync(sql)
      .tokens.filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT')
      .map((t) => (t.keywordKind || (t.tokenName === 'IDENT' && !t.text.startsWith('"')) ? t.text.toLowerCase() : t.text))
      .join(' ');
  } catch {
    return null;
  }
}

/** Whether two SQL statements or queries mean the same. */
export function sameStatement(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const ta = canonicalTree(a);
  return ta !== null && ta === canonicalTree(b);
}

/** Whether two SQL expressions (defaults, policy conditions) mean the same. */
export function sameExpression(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return sameStatement(`SELECT ${a}`, `SELECT ${b}`);
}

/** Whether two constraint definitions (as pg_get_constraintdef prints them) mean the same. */
export function sameConstraint(a: { definition: string }, b: { definition: string }): boolean {
  return a.definition === b.definition || sameStatement(`ALTER TABLE t ADD ${a.definition}`, `ALTER TABLE t ADD ${b.definition}`);
}

/** An index definition without its own name, to compare indexes named differently. */
export function indexShape(i: { definition: string }): string {
  return i.definition.replace(/^(CREATE (?:UNIQUE )?INDEX )\S+( ON )/, '$1$2');
}

/** Whether two function bodies are the same, up to formatting and comments. */
export function sameBody(a: string, b: string, language: string): boolean {
  if (a === b) return true;
  if (language === 'sql' && sameStatement(a, b)) return true;
  const ta = tokens(a);
  return ta !== null && ta === tokens(b);
}
