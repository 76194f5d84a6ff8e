/**
 * The catalog check of a plan's verification: what differs between the shadow after the plan and
 * the target, by catalog fact (see inspect/catalog-state), and which of those the plan answers for.
 */
import { sameConstraint, sameExpression, sameStatement } from '../diff/equivalent.js';
import type { CatalogState } from '../inspect/catalog-state.js';
import { mentions, quoteIdent } from '../model/ident.js';
import type { Plan } from './plan.js';

/**
 * Catalog facts where the plan left the shadow (`after`) unlike the target: those the plan broke
 * (equal before it ran), and those it had to change. Where the shadow was rebuilt from the model
 * (a live or snapshot `from`), what the model does not hold is missing from it; a fact counts then
 * only if the real `from` (when known) differs from the target too. What the plan withheld is left out.
 */
export function unmodelledDifferences(before: CatalogState, after: CatalogState, target: CatalogState, real: CatalogState | undefined, planned: Plan): CatalogDifference[] {
  // A withheld function is named with its arguments, the catalog by their types alone: the name counts.
  // Schemas and extensions are withheld by their bare names.
  const withheld = planned.withheld.flatMap((w) => [w.object, quoteIdent(w.object)]).map((o) => asPostgresQuotes(o).replace(/\(.*\)$/s, ''));
  return compareCatalogStates(after, target).filter((d) => {
    const named = [d.key.replace(' · column ', '.'), ...tableQualified(d.key)];
    if (withheld.some((o) => named.some((k) => mentions(k, o)))) return false;
    const broken = before.facts.get(d.key) === target.facts.get(d.key);
    return broken || (real ? real.facts.get(d.key) !== target.facts.get(d.key) : false);
  });
}

/**
 * An object of a table (or a domain) as the plan names it, `schema.table.name`, out of its catalog key
 * (`table constraint x on public.t`, `index public.t_idx on public.t`): a constraint and the index
 * that implements it both, so that a withheld drop of either accounts for both.
 */
function tableQualified(key: string): string[] {
  const m = /^(index|table constraint|domain constraint|trigger|policy|rule) (.+?) on ((?:"(?:[^"]|"")*"|[^". ]+)\.(?:"(?:[^"]|"")*"|[^" ]+))(?: · |$)/.exec(key);
  if (!m) return [];
  const table = m[3]!;
  const schema = table.slice(0, table.length - (/\.(?:"(?:[^"]|"")*"|[^". ]+)$/.exec(table)?.[0].length ?? 0));
  const name = m[1] === 'index' && m[2]!.startsWith(`${schema}.`) ? m[2]!.slice(schema.length + 1) : m[2]!;
  return [`${table}.${name}`];
}

export interface CatalogDifference {
  key: string;
  /** What the database holds after the plan, and what the target holds; undefined when absent. */
  actual?: string;
  expected?: string;
}

/**
 * Where `actual` differs from `expected`, in key order. SQL in a fact (a CHECK, an index, a default,
 * a view's query) counts by meaning, as the model's comparison does: PostgreSQL prints an expression
 * re-issued from its own output differently at times (an IN list), and formatting is no drift.
 */
export function compareCatalogStates(actual: CatalogState, expected: CatalogState): CatalogDifference[] {
  const a = actual.facts;
  const e = expected.facts;
  const keys = [...new Set([...a.keys(), ...e.keys()])].sort();
  return keys.filter((k) => !sameFact(a.get(k), e.get(k))).map((key) => ({ key, actual: a.get(key), expected: e.get(key) }));
}

const SQL_PREFIXES = ['default ', 'using ', 'check ', 'query ', 'bound '];

function sameFact(x: string | undefined, y: string | undefined): boolean {
  if (x === y) return true;
  if (x === undefined || y === undefined) return false;
  const xs = x.split(' | ');
  const ys = y.split(' | ');
  return xs.length === ys.length && xs.every((part, i) => part === ys[i] || sameSql(part, ys[i]!));
}

function sameSql(a: string, b: string): boolean {
  if (sameStatement(a, b) || sameConstraint({ definition: a }, { definition: b })) return true;
  const prefix = SQL_PREFIXES.find((p) => a.startsWith(p) && b.startsWith(p));
  if (!prefix) return false;
  const [x, y] = [a.slice(prefix.length), b.slice(prefix.length)];
  return prefix === 'query ' ? sameStatement(x, y) : sameExpression(x, y);
}

/**
 * A name as PostgreSQL's quote_ident spells it, which catalog keys use: `U&"a\000ab"` (how pgdrift
 * writes a name with control characters) becomes `"a<newline>b"`.
 */
function asPostgresQuotes(name: string): string {
  return name.replace(/U&"((?:[^"]|"")*)"/g, (_, body: string) => `"${body.replace(/\\([0-9a-fA-F]{4}|\\)/g, (_m, x: string) => (x === '\\' ? '\\' : String.fromCharCode(parseInt(x, 16))))}"`);
}

/** One line for a catalog difference: what it is and, where both sides hold it, the part that differs. */
export function describeCatalogDifference(d: CatalogDifference): string {
  const show = (v: string | undefined) => (v === undefined ? 'absent' : v === '' ? 'present' : JSON.stringify(v.length > 160 ? `${v.slice(0, 160)}…` : v));
  if (d.actual === undefined || d.expected === undefined) return `${d.key}: ${show(d.actual)} after the plan, ${show(d.expected)} in the target`;
  const [a, e] = [d.actual.split(' | '), d.expected.split(' | ')];
  const i = a.findIndex((part, n) => part !== e[n]);
  const [x, y] = a.length === e.length && i >= 0 ? [a[i], e[i]] : [d.actual, d.expected];
  return `${d.key}: ${show(x)} after the plan, ${show(y)} in the target`;
}
