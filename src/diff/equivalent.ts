/**
 * Comparing SQL text by meaning rather than by spelling: two expressions, queries or function bodies
 * are equivalent when the real PostgreSQL parser reads them the same (locations ignored), or, for
 * bodies it cannot parse as SQL (PL/pgSQL), when they are the same tokens without whitespace and
 * comments. Formatting and the engine that printed them never count as drift.
 */
import { parseSync, scanSync } from 'libpg-query';

function stripLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLocations);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'location' && k !== 'stmt_location' && k !== 'stmt_len') out[k] = stripLocations(v);
  return out;
}

const treeCache = new Map<string, string | null>();

/** A canonical form of SQL text, or null when it does not parse. */
function canonicalTree(sql: string): string | null {
  let cached = treeCache.get(sql);
  if (cached !== undefined) return cached;
  try {
    cached = JSON.stringify(stripLocations(parseSync(sql)));
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
