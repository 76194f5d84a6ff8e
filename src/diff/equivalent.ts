/**
 * Comparing SQL text by meaning rather than by spelling: two expressions, queries or function bodies
 * are equivalent when the real PostgreSQL parser reads them the same (locations ignored), or, for
 * bodies it cannot parse as SQL (PL/pgSQL), when they are the same tokens without whitespace and
 * comments. Formatting and the engine that printed them never count as drift.
 */
import { parseSync, scanSync } from 'libpg-query';

const LOCATION_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'list_start', 'list_end']);

/** A parse tree without source positions, and with array constants in one spelling (see arrayLiteral). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  const literal = arrayLiteral(value as Record<string, unknown>);
  if (literal !== undefined) return { TypeCast: { arg: { A_Const: { sval: { sval: literal } } }, typeName: canonical((value as { TypeCast: { typeName: unknown } }).TypeCast.typeName) } };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!LOCATION_KEYS.has(k)) out[k] = canonical(v);
  return out;
}

type ConstNode = { sval?: { sval?: string }; ival?: { ival?: number }; fval?: { fval?: string }; boolval?: { boolval?: boolean }; isnull?: boolean };

/** The text of a constant, as it would stand in an array literal; undefined for anything else. */
function constantText(node: unknown): string | undefined {
  const n = node as { A_Const?: ConstNode; TypeCast?: { arg?: unknown } };
  const c = n.A_Const ?? (n.TypeCast?.arg as { A_Const?: ConstNode } | undefined)?.A_Const;
  if (!c || c.isnull) return undefined;
  const text = c.sval ? (c.sval.sval ?? '') : c.ival ? String(c.ival.ival ?? 0) : c.fval ? c.fval.fval : c.boolval ? String(c.boolval.boolval ?? false) : undefined;
  if (text === undefined) return undefined;
  return text === '' || /[{},"\\\s]/.test(text) || text.toUpperCase() === 'NULL' ? `"${text.replace(/["\\]/g, '\\$&')}"` : text;
}

/**
 * `ARRAY['a', 'b']::t[]` and `'{a,b}'::t[]` are the same value: PostgreSQL stores a default in
 * whichever spelling it was written (Prisma writes the first, hand-written SQL often the second).
 * The argument of an array cast whose elements are all constants becomes the literal.
 */
function arrayLiteral(node: Record<string, unknown>): string | undefined {
  const cast = node.TypeCast as { arg?: { A_ArrayExpr?: { elements?: unknown[] } }; typeName?: { arrayBounds?: unknown[] } } | undefined;
  const array = cast?.arg?.A_ArrayExpr;
  if (!array || !cast.typeName?.arrayBounds?.length) return undefined;
  const items = (array.elements ?? []).map(constantText);
  if (items.some((x) => x === undefined)) return undefined;
  return `{${items.join(',')}}`;
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
