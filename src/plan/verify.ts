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
import { unmodelledDifferences, type CatalogDifference } from './catalog-check.js';
import { inspect } from '../inspect/inspect.js';
import { DEFAULT_SCOPE, type InspectScope } from '../inspect/scope.js';
import { emptySchema } from '../model/empty.js';
import { quoteIdent } from '../model/ident.js';
import type { Schema } from '../model/types.js';
import { createShadow } from '../shadow/create.js';
import { statementTimeout } from '../sources/timeouts.js';
import { createRolesSql, type Shadow } from '../shadow/shadow.js';
import { runStatements } from '../sources/replay.js';
import { openReplayed, replayKey, type LoadOptions } from '../sources/load.js';
import { readCachedJson, verificationKey, writeCachedJson } from '../sources/replay-cache.js';
import { trace } from '../trace.js';
import { isReplayed, type SourceSpec } from '../sources/resolve.js';
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
  if (isReplayed(spec)) {
    const { shadow } = await openReplayed(spec, options);
    if (roles.length) await shadow.exec(createRolesSql(roles));
    return shadow;
  }
  const extensions = [...from.extensions.map((e) => e.name), ...(options.extensions ?? [])];
  const rebuild = makePlan(emptySchema(), from, { allowDestructive: true });
  const shadow = await createShadow(options.shadow ?? 'pglite', {
    supabase: options.supabase ?? false, extensions, roles: [...new Set([...(options.roles ?? []), ...roles])], statementTimeout: statementTimeout(options.timeouts), statements: rebuild.steps.length,
  });
  trace('shadow ready for the rebuild');
  try {
    await applyPlan(shadow, rebuild);
    // What the shadow adds by itself is taken away again, so that the copy is `from` exactly: the
    // Supabase base's default privileges grant the API roles every new table, and a server's template1
    // may hold anything. A plain PGlite shadow adds nothing (its base is initdb's alone): it is not read
    // back for it (an inspection of a new shadow, about a tenth of a second).
    if (options.supabase || (options.shadow ?? 'pglite') !== 'pglite') {
      const extra = makePlan(await inspect(shadow, options.scope), from, { allowDestructive: true });
      if (extra.steps.length) await applyPlan(shadow, extra);
    }
    trace('rebuilt <from> from its model');
    return shadow;
  } catch (e) {
    await shadow.close();
    throw new UserError(`cannot rebuild the current schema in a shadow database: ${(e as Error).message}`);
  }
}

/** Changes left after the plan that the plan does not account for. */
export function unexplained(remaining: Change[], planned: Plan): Change[] {
  const withheld = new Set(planned.withheld.map((w) => w.object));
  return remaining.filter((c) => !(c.attribute === 'column order') && !withheld.has(c.object) && !(c.table && withheld.has(c.table)) && !onlyWithheldItems(c, withheld));
}

/**
 * A change of a list of named parts (a domain's CHECK constraints) that is only the parts the plan
 * withheld (each named `object.part`): without them, both sides are the same.
 */
function onlyWithheldItems(c: Change, withheld: Set<string>): boolean {
  if (!Array.isArray(c.from) || !Array.isArray(c.to)) return false;
  const kept = (list: unknown[]) => JSON.stringify(list.filter((x) => !(x && typeof x === 'object' && 'name' in x && withheld.has(`${c.object}.${quoteIdent(String(x.name))}`))));
  return kept(c.from) === kept(c.to);
}

export interface Verification {
  remaining: Change[];
  /** With a rollback plan: what is left, once it has run after the plan, against `from`. */
  rollbackRemaining?: Change[];
  /** Catalog differences left after the plan that the model does not show: what pgdrift cannot yet plan. */
  unmodelled: CatalogDifference[];
  /** Why the catalogs were not compared, when they were not (the result then rests on the model alone). */
  catalogSkipped?: string;
  /** The same verification ran before on the same files, plan and target: its result came from the replay cache. */
  fromCache?: boolean;
}

/** The catalogs read with the sources (LoadOptions.catalog): `from`'s when it is a live database. */
export interface SourceCatalogs {
  from?: CatalogState;
  to?: CatalogState;
}

type VerifyOptions = LoadOptions & {
  scope?: InspectScope;
  catalogs?: SourceCatalogs;
  targetKind?: SourceSpec['kind'];
  rollback?: Plan;
  /** The shadow `from` was replayed into to load it (LoadOptions.keepShadow), still open; the caller closes it. */
  fromShadow?: KeptShadow;
};

/** A shadow kept open after `from` was replayed into it, and its catalog, being read as it stands. */
export interface KeptShadow {
  shadow: Shadow;
  catalog: Promise<CatalogState>;
}

/**
 * The key of this verification in the replay cache, when `from` is replayed on PGlite with the cache
 * on: what was replayed (its chain key) and everything else the result depends on.
 */
function cacheKey(spec: SourceSpec, from: Schema, to: Schema, planned: Plan, options: VerifyOptions): string | undefined {
  if (!isReplayed(spec) || options.cache === false) return undefined;
  const last = replayKey(spec, options);
  if (!last) return undefined;
  const facts = (c?: CatalogState) => c && { major: c.major, supabase: c.supabase, facts: [...c.facts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  return verificationKey(last, {
    to, planned, rollback: options.rollback, scope: options.scope ?? DEFAULT_SCOPE, targetKind: options.targetKind, target: facts(options.catalogs?.to),
    extensions: to.extensions.map((e) => e.name), roles: modelRoles(from, to),
  });
}

/** Verify the plan, or answer from the replay cache when the same verification ran before. */
export async function verifyPlan(spec: SourceSpec, from: Schema, to: Schema, planned: Plan, options: VerifyOptions): Promise<Verification> {
  const key = cacheKey(spec, from, to, planned, options);
  const cached = key ? await readCachedJson<Verification>('verification', key) : undefined;
  trace(cached ? 'verification cache: the result' : key ? 'verification cache: none' : 'verification: not cached');
  if (cached) return { ...cached, fromCache: true };
  const result = await runVerification(spec, from, to, planned, options);
  if (key) await writeCachedJson('verification', key, result);
  return result;
}

async function runVerification(spec: SourceSpec, from: Schema, to: Schema, planned: Plan, options: VerifyOptions): Promise<Verification> {
  const scope = options.scope ?? DEFAULT_SCOPE;
  const extensions = to.extensions.map((e) => e.name);
  const roles = modelRoles(from, to);
  // The shadow `from` was loaded from holds it already, unless the plan creates an extension that
  // shadow cannot (PGlite loads extension bundles when it starts): then `from` is replayed again.
  const kept = options.fromShadow?.shadow;
  const reuse = kept && extensions.every((e) => from.extensions.some((f) => f.name === e) || kept.hasExtension(e));
  // Its catalog is read in a transaction of its own, before anything else runs there.
  const keptCatalog = reuse ? await options.fromShadow!.catalog : undefined;
  if (reuse && roles.length) await kept.exec(createRolesSql(roles));
  trace(reuse ? 'verification: on the shadow of <from>' : 'verification: a new shadow');
  const shadow = reuse ? kept : await shadowCopy(spec, from, { ...options, extensions }, roles);
  try {
    const target = options.catalogs?.to;
    const skipped = catalogSkipped(spec, shadow, target, options.targetKind) ?? (await otherMajor(shadow, target!));
    const before = skipped ? undefined : keptCatalog ?? (await readCatalogState(shadow, scope));
    await applyPlan(shadow, planned);
    trace('the plan ran on the shadow');
    const after = await inspect(shadow, scope);
    trace('inspected after the plan');
    const remaining = unexplained(diff(after, to), planned);
    // The rollback runs on the state the plan reached, after its catalog is read.
    const back = async () => {
      if (!options.rollback) return {};
      await applyPlan(shadow, options.rollback).catch((e: unknown) => {
        throw new UserError(`the rollback plan fails after the plan: ${(e as Error).message}`);
      });
      return { rollbackRemaining: unexplained(diff(await inspect(shadow, scope), from), options.rollback) };
    };
    if (!before || !target) return { remaining, unmodelled: [], catalogSkipped: skipped, ...(await back()) };
    const afterCatalog = await readCatalogState(shadow, scope);
    const real = isReplayed(spec) ? before : options.catalogs?.from;
    return { remaining, unmodelled: unmodelledDifferences(before, afterCatalog, target, real, planned), ...(await back()) };
  } finally {
    if (!reuse) await shadow.close();
  }
}

/** Why the shadow's catalog cannot be compared with the target's when their majors differ (asked before the shadow's catalog is read for nothing). */
async function otherMajor(shadow: Shadow, target: CatalogState): Promise<string | undefined> {
  const { rows } = await shadow.query("select current_setting('server_version_num')::int / 10000 as major");
  const major = Number(rows[0]?.major);
  return major === target.major ? undefined : `the shadow runs PostgreSQL ${major} and the target was read on ${target.major}, which print definitions differently: give --shadow a PostgreSQL ${target.major} server to compare their catalogs`;
}

/** Why the shadow's catalog cannot be compared with the target's, or undefined when it can. */
function catalogSkipped(spec: SourceSpec, shadow: Shadow, target: CatalogState | undefined, targetKind: SourceSpec['kind'] | undefined): string | undefined {
  if (!target) return targetKind === 'prisma' ? 'a Prisma schema is compared only in what Prisma can express' : 'the target holds no catalog (a snapshot or a types file holds only the model)';
  if (targetKind === 'live' && isReplayed(spec)) return 'a live target and a replayed shadow stand on different platforms and roles';
  if (target.supabase !== shadow.supabase) return 'one side stands on the Supabase platform and the other does not';
  return undefined;
}
