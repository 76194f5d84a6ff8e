/**
 * Verification: run the plan on a shadow copy of `from`, inspect the result, and diff it against `to`.
 * The copy is `from` replayed (a SQL file or migrations folder) or, for a live database or a
 * snapshot, `from` built from its model by planning it from an empty schema. A plan is good only
 * when nothing remains but what it says it withheld (and column order, which only a rebuild changes).
 */
import { diff } from '../diff/diff.js';
import type { Change } from '../diff/types.js';
import { UserError } from '../errors.js';
import { readCatalogState, type CatalogState } from '../inspect/catalog-state.js';
import { sameConstraint, sameExpression, sameStatement } from '../diff/equivalent.js';
import { DEFAULT_SCOPE, inspect, type InspectScope } from '../inspect/inspect.js';
import { mentions, quoteIdent } from '../model/ident.js';
import { emptySchema, type Schema } from '../model/types.js';
import { createShadow } from '../shadow/create.js';
import { statementTimeout } from '../sources/timeouts.js';
import { createRolesSql, type Shadow } from '../shadow/shadow.js';
import { runStatements } from '../sources/replay.js';
import { openReplayed, type LoadOptions } from '../sources/load.js';
import type { SourceSpec } from '../sources/resolve.js';
import { firstLine, loadParser, splitStatements } from '../sources/sql.js';
import { plan as makePlan, modelRoles, type Plan } from './plan.js';

export class PlanStepError extends UserError {}

/** Run every step; the first failure stops with the step that failed. */
export async function applyPlan(shadow: Shadow, planned: Plan): Promise<void> {
  await loadParser();
  // Statement by statement, as replay runs them (stand-in extensions need that); each knows its step.
  const stmts = planned.steps.flatMap((step, i) => splitStatements(`step ${i + 1}`, step.sql));
  const failed = await runStatements(shadow, stmts);
  if (failed) throw new PlanStepError(`${failed.stmt.file} of the plan fails: ${failed.error.message} (in: ${firstLine(failed.stmt.text)})`);
}

/**
 * A shadow holding `from`'s schema and the roles `roles` (those the plan's policies and grants
 * name), left open. A replayed source creates its own roles first; the others are added after.
 */
export async function shadowCopy(spec: SourceSpec, from: Schema, options: LoadOptions, roles: string[] = []): Promise<Shadow> {
  if (spec.kind === 'sql' || spec.kind === 'migrations') {
    const { shadow } = await openReplayed(spec, options);
    if (roles.length) await shadow.exec(createRolesSql(roles));
    return shadow;
  }
  const extensions = [...from.extensions.map((e) => e.name), ...(options.extensions ?? [])];
  const shadow = await createShadow(options.shadow ?? 'pglite', { supabase: options.supabase ?? false, extensions, roles: [...new Set([...(options.roles ?? []), ...roles])], statementTimeout: statementTimeout(options.timeouts) });
  try {
    await applyPlan(shadow, makePlan(emptySchema(), from, { allowDestructive: true }));
    // What the shadow adds by itself (the Supabase base's default privileges grant the API roles
    // every new table) is taken away again, so that the copy is `from` exactly.
    const extra = makePlan(await inspect(shadow, options.scope), from, { allowDestructive: true });
    if (extra.steps.length) await applyPlan(shadow, extra);
    return shadow;
  } catch (e) {
    await shadow.close();
    throw new UserError(`cannot rebuild the current schema in a shadow database to verify the plan: ${(e as Error).message}`);
  }
}

/** Changes left after the plan that the plan does not account for. */
export function unexplained(remaining: Change[], planned: Plan): Change[] {
  const withheld = new Set(planned.withheld.map((w) => w.object));
  return remaining.filter((c) => !(c.attribute === 'column order') && !withheld.has(c.object) && !(c.table && withheld.has(c.table)));
}

export interface Verification {
  remaining: Change[];
  /** Catalog differences left after the plan that the model does not show: what pgdrift cannot yet plan. */
  unmodelled: CatalogDifference[];
  /** Why the catalogs were not compared, when they were not (the result then rests on the model alone). */
  catalogSkipped?: string;
}

/** The catalogs read with the sources (LoadOptions.catalog): `from`'s when it is a live database. */
export interface SourceCatalogs {
  from?: CatalogState;
  to?: CatalogState;
}

const replayed = (spec: SourceSpec) => spec.kind === 'sql' || spec.kind === 'migrations';

export async function verifyPlan(
  spec: SourceSpec, from: Schema, to: Schema, planned: Plan,
  options: LoadOptions & { scope?: InspectScope; catalogs?: SourceCatalogs; targetKind?: SourceSpec['kind'] },
): Promise<Verification> {
  const scope = options.scope ?? DEFAULT_SCOPE;
  const shadow = await shadowCopy(spec, from, { ...options, extensions: to.extensions.map((e) => e.name) }, modelRoles(from, to));
  try {
    const target = options.catalogs?.to;
    const skipped = catalogSkipped(spec, shadow, target, options.targetKind);
    const before = skipped ? undefined : await readCatalogState(shadow, scope);
    await applyPlan(shadow, planned);
    const remaining = unexplained(diff(await inspect(shadow, scope), to), planned);
    if (!before || !target) return { remaining, unmodelled: [], catalogSkipped: skipped };
    if (before.major !== target.major) {
      return { remaining, unmodelled: [], catalogSkipped: `the shadow runs PostgreSQL ${before.major} and the target was read on ${target.major}, which print definitions differently: give --shadow a PostgreSQL ${target.major} server to compare their catalogs` };
    }
    const after = await readCatalogState(shadow, scope);
    const real = replayed(spec) ? before : options.catalogs?.from;
    return { remaining, unmodelled: unmodelledDifferences(before, after, target, real, planned) };
  } finally {
    await shadow.close();
  }
}

/** Why the shadow's catalog cannot be compared with the target's, or undefined when it can. */
function catalogSkipped(spec: SourceSpec, shadow: Shadow, target: CatalogState | undefined, targetKind: SourceSpec['kind'] | undefined): string | undefined {
  if (!target) return targetKind === 'prisma' ? 'a Prisma schema is compared only in what Prisma can express' : 'the target holds no catalog (a snapshot or a types file holds only the model)';
  if (targetKind === 'live' && replayed(spec)) return 'a live target and a replayed shadow stand on different platforms and roles';
  if (target.supabase !== shadow.supabase) return 'one side stands on the Supabase platform and the other does not';
  return undefined;
}

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
    if (withheld.some((o) => mentions(d.key.replace(' · column ', '.'), o))) return false;
    const broken = before.facts.get(d.key) === target.facts.get(d.key);
    return broken || (real ? real.facts.get(d.key) !== target.facts.get(d.key) : false);
  });
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
