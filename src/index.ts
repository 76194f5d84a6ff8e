/**
 * pgdrift as a library: the pipeline the command line runs, with the same sources, config, ignore
 * rules and results (the objects its `--format json` prints).
 *
 *   import { inspect, diff, plan, lint, audit } from 'pgdrift';
 *   const changes = await diff('supabase/migrations', process.env.DATABASE_URL!);
 *
 * A source is what the command line takes: a postgres:// URL, a migrations folder, a .sql file, a
 * schema.prisma, a snapshot, a database.types.ts, or a name from the config.
 */
import { audit as auditSchema, sortFindings } from './audit/audit.js';
import { DEFAULT_AUDIT_OPTIONS, type AuditOptions, type Finding } from './audit/types.js';
import { auditOptions } from './cli/commands/audit.js';
import { compareSources } from './cli/commands/diff.js';
import { lintOptions } from './cli/commands/lint.js';
import { Workspace, type CommonFlags } from './cli/options.js';
import type { Change } from './diff/types.js';
import { lintFolder } from './lint/lint.js';
import type { LintFinding } from './lint/types.js';
import type { Schema } from './model/types.js';
import { plan as makePlan, renderPlan, type Plan } from './plan/plan.js';
import { verifyPlan } from './plan/verify.js';
import { parseSourceSpec } from './sources/resolve.js';
import { resolveSourceName } from './config/config.js';
import { loadParser } from './sources/sql.js';

export type { Schema, Change, Finding, LintFinding, Plan };

/** What every function takes: the command line's common options, by the same names. */
export type Options = Pick<CommonFlags, 'config' | 'shadow' | 'supabase' | 'schema' | 'role' | 'statementTimeout' | 'lockTimeout' | 'cache'>;

/** The model of a source, as `pgdrift inspect <source> --format json` prints it. */
export async function inspect(source: string, options: Options = {}): Promise<Schema> {
  return (await (await Workspace.open(options)).loadOne(source)).schema;
}

/** What must change to turn `from` into `to` (the source of truth), with the config's renames and ignore rules, as `pgdrift diff`. */
export async function diff(from: string, to: string, options: Options = {}): Promise<Change[]> {
  const ws = await Workspace.open(options);
  const [a, b] = await Promise.all([ws.loadOne(from), ws.loadOne(to)]);
  return compareSources(ws, a, b).changes;
}

export interface PlanResult extends Plan {
  /** The plan as `pgdrift plan` prints it. */
  sql: string;
  /** Whether it ran on a shadow copy of `from` and converged (false with `verify: false`). */
  verified: boolean;
  /** What was left after it ran, when it did not converge. */
  remaining: Change[];
}

/** The SQL that turns `from` into `to`, verified on a shadow copy of `from` unless `verify: false`, as `pgdrift plan`. */
export async function plan(from: string, to: string, options: Options & { allowDestructive?: boolean; backfill?: boolean; verify?: boolean } = {}): Promise<PlanResult> {
  const ws = await Workspace.open(options, { catalog: options.verify !== false });
  const [a, b] = await Promise.all([ws.loadOne(from), ws.loadOne(to)]);
  const planned = makePlan(a.schema, b.schema, { allowDestructive: options.allowDestructive, backfill: options.backfill, renames: ws.config.renames });
  let remaining: Change[] = [];
  if (options.verify !== false) {
    const spec = parseSourceSpec(resolveSourceName(ws.config, from).specs[0]!);
    const v = await verifyPlan(spec, a.schema, b.schema, planned, { shadow: options.shadow ?? ws.config.shadow, supabase: options.supabase ?? ws.config.supabase, scope: ws.scope, timeouts: ws.timeouts, catalogs: { from: a.catalog, to: b.catalog } });
    remaining = v.remaining;
  }
  await loadParser();
  const verified = options.verify !== false && !remaining.length;
  return { ...planned, remaining, verified, sql: renderPlan(planned, [`pgdrift plan: ${a.label} → ${b.label}`, verified ? 'verified on a shadow copy' : 'not verified']) };
}

/** The findings of `pgdrift lint <migrations>`, with the config's rule levels. */
export async function lint(migrations: string, options: Options & { idempotent?: boolean } = {}): Promise<LintFinding[]> {
  const ws = await Workspace.open(options);
  const spec = parseSourceSpec(resolveSourceName(ws.config, migrations).specs[0]!);
  const path = spec.kind === 'migrations' ? spec.path : migrations;
  return (await lintFolder(path, lintOptions(ws, options))).findings;
}

/** The schema findings of `pgdrift audit <source>` (a live database's own checks are the command line's). */
export async function audit(source: string, options: Options & Partial<AuditOptions> = {}): Promise<Finding[]> {
  const ws = await Workspace.open(options);
  const loaded = await ws.loadOne(source);
  const picked = Object.fromEntries(Object.keys(DEFAULT_AUDIT_OPTIONS).map((k) => [k, (options as Record<string, unknown>)[k]])) as Partial<AuditOptions>;
  const graphql = loaded.layout === 'supabase' || Boolean(options.supabase ?? ws.config.supabase);
  return sortFindings(auditSchema(loaded.schema, { ...auditOptions(ws, picked), graphql }, ws.config.rules));
}
