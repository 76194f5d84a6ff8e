/**
 * Reading policy expressions and view definitions with the real PostgreSQL parser: which columns an
 * expression mentions, which functions it calls outside a sub-select, which tables a query reads and
 * which functions a statement calls.
 */
import { parseSync } from 'libpg-query';
import { sval } from '../sources/sql.js';

type Node = Record<string, unknown>;

function parseExpression(expr: string): Node | undefined {
  try {
    return parseSync(`SELECT ${expr}`).stmts?.[0]?.stmt as Node | undefined;
  } catch {
    return undefined;
  }
}

function walk(node: unknown, visit: (key: string, value: Node, insideSubselect: boolean) => void, inside = false): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit, inside));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Node)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Node, inside);
    walk(value, visit, inside || key === 'SubLink');
  }
}


/** Column names an expression refers to (last part of each column reference). */
export function columnsReferenced(expr: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!expr) return out;
  walk(parseExpression(expr), (key, value) => {
    if (key !== 'ColumnRef') return;
    const fields = (value.fields as unknown[]) ?? [];
    const last = fields[fields.length - 1];
    if (last) out.add(sval(last));
  });
  return out;
}

/** Qualified names of functions an expression calls directly (not inside a sub-select). */
export function functionsCalledPerRow(expr: string | undefined): string[] {
  const out: string[] = [];
  if (!expr) return out;
  walk(parseExpression(expr), (key, value, insideSubselect) => {
    if (key !== 'FuncCall' || insideSubselect) return;
    out.push(((value.funcname as unknown[]) ?? []).map(sval).join('.'));
  });
  return out;
}

/** Whether an expression is the constant `true`. */
export function isAlwaysTrue(expr: string | undefined): boolean {
  return expr !== undefined && /^\(*\s*true\s*\)*$/i.test(expr.trim());
}

/** `schema.name` of every function a statement calls, anywhere in it (unqualified ones as `public.name`). */
export function functionsCalled(statement: string): string[] {
  let tree: unknown;
  try {
    tree = parseSync(statement);
  } catch {
    return [];
  }
  const out: string[] = [];
  walk(tree, (key, value) => {
    if (key !== 'FuncCall') return;
    const names = ((value.funcname as unknown[]) ?? []).map(sval);
    out.push(names.length === 1 ? `public.${names[0]}` : names.slice(-2).join('.'));
  });
  return [...new Set(out)];
}

/** `schema.table` of every relation a query reads (schema-qualified as inspection prints them). */
export function relationsRead(query: string): string[] {
  const out: string[] = [];
  let tree: unknown;
  try {
    tree = parseSync(query);
  } catch {
    return out;
  }
  walk(tree, (key, value) => {
    if (key === 'RangeVar' || (typeof value.relname === 'string' && 'inh' in value)) {
      out.push(`${(value.schemaname as string) ?? 'public'}.${value.relname as string}`);
    }
  });
  return [...new Set(out)];
}
