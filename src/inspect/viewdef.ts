/**
 * View definitions as PostgreSQL 16+ prints them, whichever server printed them.
 *
 * Up to PostgreSQL 15 a stored view query kept two placeholder range-table entries (OLD and NEW),
 * so pg_get_viewdef always qualified column names (`SELECT posts.id FROM posts`). From 16 on they
 * are gone, and a top-level query over a single FROM item prints bare names (`SELECT id FROM
 * posts`). Sub-queries are qualified by both. So: when the top-level SELECT has exactly one FROM item,
 * drop that item's qualifier from the column references that belong to the top level.
 */
import { parseSync } from 'libpg-query';

type Node = Record<string, unknown>;

/** Byte offsets of `<ref>.` prefixes on top-level column references, as [start, end) pairs. */
function qualifierSpans(select: Node, text: string): [number, number][] {
  const from = select.fromClause as Node[] | undefined;
  if (!from || from.length !== 1 || select.op !== 'SETOP_NONE') return [];
  const item = from[0]!;
  const rangeVar = item.RangeVar as { relname: string; alias?: { aliasname: string } } | undefined;
  const aliased = (item.RangeSubselect ?? item.RangeFunction) as { alias?: { aliasname: string } } | undefined;
  const ref = rangeVar ? (rangeVar.alias?.aliasname ?? rangeVar.relname) : aliased?.alias?.aliasname;
  if (!ref) return [];
  const spans: [number, number][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === 'RangeSubselect' || key === 'fromClause' || key === 'withClause') continue;
      // A sub-query is printed qualified by every version; the expression left of IN/ANY is not part of it.
      if (key === 'SubLink') {
        visit((value as Node).testexpr);
        continue;
      }
      if (key === 'ColumnRef') {
        const c = value as { fields: Node[]; location: number };
        const first = (c.fields[0]?.String as { sval?: string } | undefined)?.sval;
        if (c.fields.length === 2 && first === ref && c.fields[1]?.String) spans.push([c.location, dotAfter(text, c.location) + 1]);
        continue;
      }
      visit(value);
    }
  };
  visit(select);
  return spans;
}

/** Byte offset of the `.` that ends the (possibly quoted) identifier starting at `byte`. */
function dotAfter(text: string, byte: number): number {
  const bytes = Buffer.from(text, 'utf8');
  let i = byte;
  if (bytes[i] === 0x22) {
    for (i++; i < bytes.length; i++) {
      if (bytes[i] === 0x22) {
        if (bytes[i + 1] === 0x22) i++;
        else break;
      }
    }
  }
  while (i < bytes.length && bytes[i] !== 0x2e) i++;
  return i;
}

export function normalizeViewDefinition(definition: string): string {
  const text = definition.trim();
  let select: Node | undefined;
  try {
    select = (parseSync(text).stmts?.[0]?.stmt as Node | undefined)?.SelectStmt as Node | undefined;
  } catch {
    return text;
  }
  if (!select) return text;
  const spans = qualifierSpans(select, text);
  if (!spans.length) return text;
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    parts.push(bytes.subarray(at, start));
    at = end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}
