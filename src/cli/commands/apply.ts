/**
 * `pgdrift apply <migrations> <database>`: the pending migrations, tried first (preflight), then run
 * all or nothing and recorded where the folder's tool keeps its history, then verified.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { UserError } from '../../errors.js';
import { applyPending, applyPlanFile, pendingFiles, planSegments, segments, type ApplyOutcome, type Segment } from '../../history/apply.js';
import { historyTool, readHistory } from '../../history/history.js';
import { preflight, preflightPlan } from '../../history/preflight.js';
import { migrationStatus, readFolder, type FolderMigration, type StatusEntry } from '../../history/status.js';
import { withConnection } from '../../inspect/live.js';
import { paint, useColor } from '../../report/color.js';
import { failsAt, type DiffReport } from '../../report/diff-report.js';
import { activeFindings, makeLintReport, renderLintText } from '../../report/lint-report.js';
import { displayPath, findMigrations, type MigrationFolder } from '../../sources/migrations.js';
import { parseSourceSpec } from '../../sources/resolve.js';
import { resolveSourceName } from '../../config/config.js';
import { textTable } from '../../report/table.js';
import { progress } from '../../report/progress.js';
import { DEFAULT_TIMEOUTS } from '../../sources/timeouts.js';
import { maskUrl } from '../../sources/url.js';
import { EXIT } from '../exit.js';
import { checkRuleIds } from '../rule-ids.js';
import { addCommonOptions, oneSource, Workspace, type CommonFlags, type NamedSource } from '../options.js';
import { compareSources, renderReport } from './diff.js';
import { lintOptions } from './lint.js';

interface ApplyFlags extends CommonFlags {
  to?: string;
  preflight: boolean;
  dryRun?: boolean;
  log?: string;
  ignoreHistoryIssues?: boolean;
  parallel?: number;
  failFast?: boolean;
}

/** History states the owning tool itself stops at (a failed Prisma migration, an edited or missing file, one out of order). */
const BLOCKING = new Set(['failed', 'edited', 'missing', 'out of order']);

function describePlan(plan: Segment[]): string[] {
  if (!plan.length) return ['nothing to apply: every migration is applied'];
  return plan.map((s) => s.alone
    ? `  by itself (${s.alone}; what comes before it is committed first): ${s.files[0]!.label ?? s.files[0]!.file.path}`
    : `  in one transaction: ${s.files.map((f) => f.label ?? f.file.path).join(', ')}${s.commitAfter ? ` (committed there: ${s.commitAfter})` : ''}`);
}

/** A database pgdrift decided not to touch (its history, or the preflight): a finding, not bad input. */
class NotApplied extends UserError {}

/** What one database's apply gave: its lines of output, and how it ended. */
interface DatabaseRun {
  database: string;
  lines: string[];
  outcome?: ApplyOutcome;
  drift?: DiffReport;
  /** The database against the folder (or --to) before the run. */
  driftBefore?: DiffReport;
  /** Why nothing was applied (unreachable, history issues, preflight failure). */
  error?: string;
  ms: number;
}

/** One database's run: its lines, its time, and a refusal (or, in a fleet, any bad input) kept as its error. */
async function onDatabase(url: string, fleet: boolean, work: (run: DatabaseRun, say: (line: string) => void, started: number) => Promise<void>): Promise<DatabaseRun> {
  const run: DatabaseRun = { database: maskUrl(url), lines: [], ms: 0 };
  const say = (line: string) => run.lines.push(line);
  const started = Date.now();
  try {
    await work(run, say, started);
  } catch (e) {
    // One database of a fleet that cannot be reached is that database's failure; a single one is bad input.
    if (!(e instanceof NotApplied || (e instanceof UserError && fleet))) throw e;
    run.error = e.message;
    say(`not applied: ${e.message}`);
  } finally {
    run.ms = Date.now() - started;
  }
  return run;
}

const preflightOptions = (ws: Workspace, flags: ApplyFlags) => ({ ...lintOptions(ws, flags), scope: ws.scope });

/** The folder's pending migrations on one database: its history checked, tried on a shadow copy, applied, verified against the folder. */
function applyMigrations(ws: Workspace, migrationsArg: string, folder: MigrationFolder, files: FolderMigration[], url: string, flags: ApplyFlags, fleet: boolean, name?: string): Promise<DatabaseRun> {
  return onDatabase(url, fleet, async (run, say, started) => {
    const history = await withConnection(url, (client) => readHistory(client, historyTool(folder.layout), url));
    const issues = migrationStatus(folder.layout, files, history).filter((e) => BLOCKING.has(e.state));
    if (issues.length && !flags.ignoreHistoryIssues) throw new NotApplied(`${describeIssues(issues)}: pgdrift status shows them; fix them first (or pass --ignore-history-issues)`);
    if (flags.dryRun) return dryRun(segments(await pendingFiles(folder.layout, files, history)), say);
    if (flags.preflight) {
      const tried = await preflight(folder, url, preflightOptions(ws, flags));
      const errors = activeFindings(tried.lint.findings).filter((f) => f.severity === 'error');
      if (errors.length) {
        say(renderLintText(makeLintReport(folder.dir, tried.tried.length, errors), false).trimEnd());
        throw new NotApplied('preflight: the pending migrations fail on a shadow copy of the database (above); nothing was applied');
      }
      say(`preflight: ${tried.tried.length} pending migration${tried.tried.length === 1 ? '' : 's'} ran on a shadow copy of the database's schema without errors`);
    }
    run.driftBefore = await driftAgainst(ws, url, name, migrationsArg, say);
    run.outcome = await applyPending(url, folder.layout, files, { ...DEFAULT_TIMEOUTS, ...ws.timeouts }, (plan) => sayPlan(plan, say));
    reportOutcome(run.outcome, say, Date.now() - started);
    if (!run.outcome.failed) run.drift = await verify(ws, migrationsArg, url, name, folder, files, say);
  });
}

/** A plan file on one database: tried on a shadow copy first, then all or nothing, then compared with --to. */
function applyPlan(ws: Workspace, file: FolderMigration, url: string, flags: ApplyFlags, fleet: boolean, name?: string): Promise<DatabaseRun> {
  return onDatabase(url, fleet, async (run, say, started) => {
    if (flags.dryRun) return dryRun(planSegments(file), say);
    if (flags.preflight) {
      const failure = await preflightPlan(file.path, Buffer.from(file.bytes).toString('utf8'), url, preflightOptions(ws, flags));
      if (failure) throw new NotApplied(`preflight: the plan fails on a shadow copy of the database: ${failure}; nothing was applied`);
      say('preflight: the plan ran on a shadow copy of the database\'s schema without errors');
    }
    if (flags.to) run.driftBefore = await driftAgainst(ws, url, name, flags.to, say);
    run.outcome = await applyPlanFile(url, file, { ...DEFAULT_TIMEOUTS, ...ws.timeouts }, (plan) => sayPlan(plan, say));
    reportOutcome(run.outcome, say, Date.now() - started);
    if (run.outcome.failed) return;
    if (!flags.to) return say('not compared with a target (pass --to <source> to verify the database against it)');
    run.drift = await driftAgainst(ws, url, name, flags.to, say);
    if (run.drift) say(run.drift.changes.length ? `the database still differs from ${run.drift.to}:\n${renderReport(run.drift, 'text').trimEnd()}` : `verified: the database matches ${run.drift.to}`);
  });
}

function dryRun(plan: Segment[], say: (line: string) => void): void {
  say('dry run: nothing is changed. Would run, in this order:');
  describePlan(plan).forEach(say);
}

function sayPlan(plan: Segment[], say: (line: string) => void): void {
  say('plan:');
  describePlan(plan).forEach(say);
}

const failed = (r: DatabaseRun, ws: Workspace) => Boolean(r.error || r.outcome?.failed || (r.drift && failsAt(r.drift, ws.failOn(undefined))));

/** Run `work` on each item, at most `limit` at a time; stop starting new ones once `stop()` says so. */
async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>, stop: (r: R) => boolean): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
      if (stop(results[i]!)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results.filter((r) => r !== undefined);
}

function parallelism(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--parallel takes a number of databases at once (1 or more), not ${value}`);
  return n;
}

export function applyCommand(): Command {
  const cmd = new Command('apply')
    .description('apply the pending migrations of a folder to a database, or to every database of a fleet the config names: tried first on a shadow copy, then all or nothing per database, recorded where the folder\'s tool keeps its history, then verified')
    .argument('<migrations>', 'a migrations folder, a plan file (.sql, as pgdrift plan writes it), or a source named in the config')
    .argument('<database>', 'a postgres:// URL, or a source named in the config (a list of URLs is a fleet)')
    .option('--to <source>', 'with a plan file: the state the plan leads to, to verify each database against after it')
    .option('--no-preflight', 'do not try the pending migrations on a shadow copy first')
    .option('--dry-run', 'say what would run, and where, and change nothing')
    .option('--ignore-history-issues', 'apply even when the history shows a failed, edited, missing or out-of-order migration')
    .option('--parallel <n>', 'databases of a fleet applied at once (default: 1, one after the other)', parallelism)
    .option('--fail-fast', 'in a fleet, start no further database after one fails')
    .option('--log <path>', 'write an execution log to <path>.md and <path>.json');
  return addCommonOptions(cmd).action(async (migrationsArg: string, databaseArg: string, flags: ApplyFlags) => {
    const ws = await Workspace.open(flags);
    checkRuleIds(ws.config.rules, ws.config.file);
    const { specs } = resolveSourceName(ws.config, migrationsArg);
    const first = specs.length === 1 ? parseSourceSpec(specs[0]!) : undefined;
    const planFile = first?.kind === 'sql' ? { path: displayPath(first.path), name: basename(first.path), bytes: readFileSync(first.path) } : undefined;
    const folder = planFile ? undefined : findMigrations(oneSource(ws.config, migrationsArg, 'migrations', 'a migrations folder or a plan file').path);
    const { name, specs: databases } = resolveSourceName(ws.config, databaseArg);
    const urls = databases.map((spec) => {
      const parsed = parseSourceSpec(spec);
      if (parsed.kind !== 'live') throw new UserError(`${databaseArg} is not a database (postgres://…)`);
      return parsed.url;
    });
    const files = folder ? readFolder(folder) : [];
    const what = planFile ? planFile.path : folder!.dir;
    const color = useColor();
    const started = new Date();
    process.stdout.write(`${paint(color, 'bold', 'pgdrift apply')} ${what} → ${urls.length === 1 ? maskUrl(urls[0]!) : `${databaseArg} (${urls.length} databases)`}\n`);
    // Each database's lines are printed together when it is done, so that databases run at once do not interleave.
    const shown = progress('databases done', urls.length);
    let finished = 0;
    const runs = await eachLimited(urls, flags.parallel ?? 1, async (url) => {
      const r = planFile ? await applyPlan(ws, planFile, url, flags, urls.length > 1, name) : await applyMigrations(ws, migrationsArg, folder!, files, url, flags, urls.length > 1, name);
      if (urls.length > 1) process.stdout.write(`\n${paint(color, 'bold', r.database)}\n`);
      shown.done();
      process.stdout.write(r.lines.join('\n') + '\n');
      shown.step(++finished);
      return r;
    }, (r) => Boolean(flags.failFast) && failed(r, ws));
    shown.done();
    if (urls.length > 1) process.stdout.write(`\n${fleetSummary(runs, urls.length, ws)}`);
    if (flags.log) writeLog(flags.log, started, what, runs);
    if (runs.length < urls.length || runs.some((r) => failed(r, ws))) process.exitCode = EXIT.findings;
  });
}

function fleetSummary(runs: DatabaseRun[], total: number, ws: Workspace): string {
  const rows = runs.map((r) => [
    r.database,
    String(r.outcome?.applied.length ?? 0),
    r.error ? 'not applied' : r.outcome?.failed ? 'failed, rolled back' : r.drift && failsAt(r.drift, ws.failOn(undefined)) ? 'applied, still drifts' : r.outcome ? 'applied' : 'dry run',
    `${(r.ms / 1000).toFixed(2)} s`,
    r.error ?? r.outcome?.failed?.message ?? (r.drift?.changes.length ? `${r.drift.changes.length} difference${r.drift.changes.length === 1 ? '' : 's'} left (above)` : ''),
  ]);
  const skipped = total - runs.length;
  return `${textTable(['database', 'migrations applied', 'result', 'time', 'note'], rows)}\n${skipped ? `${skipped} database${skipped === 1 ? '' : 's'} not started (--fail-fast)\n` : ''}`;
}

/** The execution log a team keeps: per database what ran, when, how long, and the drift after. */
function writeLog(prefix: string, started: Date, migrations: string, runs: DatabaseRun[]): void {
  const databases = runs.map((r) => ({
    database: r.database, ms: r.ms, ...(r.error ? { error: r.error } : {}), ...(r.outcome ?? {}),
    ...(r.driftBefore ? { driftBefore: r.driftBefore.changes } : {}), ...(r.drift ? { driftAfter: r.drift.changes } : {}),
  }));
  writeFileSync(`${prefix}.json`, JSON.stringify({ date: started.toISOString(), action: 'apply', migrations, databases }, null, 2) + '\n');
  const md = runs.map((r) => `## ${r.database}\n\n${r.lines.map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)).join('\n\n')}\n`);
  writeFileSync(`${prefix}.md`, `# pgdrift apply, ${started.toISOString()}\n\n${migrations}\n\n${md.join('\n')}`);
}

function describeIssues(issues: StatusEntry[]): string {
  return issues.slice(0, 3).map((e) => `${e.object} is ${e.state}`).join(', ') + (issues.length > 3 ? `, and ${issues.length - 3} more` : '');
}

function reportOutcome(outcome: ApplyOutcome, say: (line: string) => void, ms: number): void {
  const n = outcome.applied.length;
  const statements = outcome.applied.reduce((sum, f) => sum + f.statements, 0);
  const names = outcome.applied.map((f) => f.migration);
  const listed = names.length > 8 ? [...names.slice(0, 3), `… ${names.length - 6} more …`, ...names.slice(-3)] : names;
  if (n) say(`applied ${n} migration${n === 1 ? '' : 's'} (${statements} statement${statements === 1 ? '' : 's'}) in ${(ms / 1000).toFixed(2)} s: ${listed.join(', ')}`);
  if (outcome.failed) say(`failed: ${outcome.failed.message}; its transaction was rolled back${n ? ' (the migrations listed as applied were committed before it)' : ': the database is as it was'}`);
}

/**
 * A database of the run, named as the config names it: ignore rules for that source (a tenant's
 * intentional differences) then hold. Read afresh: the run changes it.
 */
async function loadDatabase(ws: Workspace, url: string, name: string | undefined): Promise<NamedSource> {
  const source = await ws.reload(url);
  return name ? { ...source, name } : source;
}

/** The database against a target, for the log; a target that cannot be read (a folder that does not replay on its own) is said, not fatal. */
async function driftAgainst(ws: Workspace, url: string, name: string | undefined, target: string, say: (line: string) => void): Promise<DiffReport | undefined> {
  try {
    return compareSources(ws, await loadDatabase(ws, url, name), await ws.loadOne(target));
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof NotApplied) throw e;
    say(`no comparison with ${target}: ${e.message}`);
    return undefined;
  }
}

/** After the apply: every migration recorded, and the database against the folder. */
async function verify(ws: Workspace, migrationsArg: string, url: string, name: string | undefined, folder: MigrationFolder, files: FolderMigration[], say: (line: string) => void): Promise<DiffReport | undefined> {
  const history = await withConnection(url, (client) => readHistory(client, historyTool(folder.layout), url));
  const open = migrationStatus(folder.layout, files, history).filter((e) => e.state !== 'applied');
  say(open.length ? `not applied after the run: ${describeIssues(open)}` : 'every migration of the folder is recorded as applied');
  const report = await driftAgainst(ws, url, name, migrationsArg, say);
  if (report) say(report.changes.length ? `the database still differs from the folder:\n${renderReport(report, 'text').trimEnd()}` : 'verified: the database matches the folder');
  return report;
}
