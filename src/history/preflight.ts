/**
 * Preflight: a database's pending migrations tried before they reach it. The database is only read
 * (its history, its roles and its schema, each in a read-only transaction); its schema is rebuilt in
 * a shadow, and the pending files are linted there statement by statement, so every failure of a
 * multi-part migration is found at once, at its file and line, not one deploy at a time.
 */
import { inspect } from '../inspect/inspect.js';
import { DEFAULT_SCOPE, type InspectScope } from '../inspect/scope.js';
import { inspectLive, withConnection } from '../inspect/live.js';
import { lintOnShadow, readLintFiles, type LintOptions, type LintResult } from '../lint/lint.js';
import type { Schema } from '../model/types.js';
import { shadowCopy } from '../plan/verify.js';
import { modelRoles } from '../plan/plan.js';
import type { MigrationFolder } from '../sources/migrations.js';
import { extensionsCreated, locateFailure, runStatements } from '../sources/replay.js';
import { loadParser, splitStatements } from '../sources/sql.js';
import { LocatedError } from '../errors.js';
import { roleNames, type Shadow } from '../shadow/shadow.js';
import { DEFAULT_TIMEOUTS, timeoutSettings, type Timeouts } from '../sources/timeouts.js';
import { historyTool, readHistory, type History } from './history.js';
import { migrationStatus, readFolder, TO_RUN, type StatusEntry } from './status.js';

export interface PreflightOptions extends Pick<LintOptions, 'levels' | 'exposedSchemas' | 'assumeInTransaction' | 'pgVersion'> {
  shadow?: string;
  supabase?: boolean;
  scope?: InspectScope;
  timeouts?: Partial<Timeouts>;
}

export interface PreflightResult {
  history: History;
  status: StatusEntry[];
  /** The files tried, in the order the tool runs them. */
  tried: string[];
  lint: LintResult;
  /** The database's schema as it would be after them. */
  after: Schema;
}

/** Roles of the server (not PostgreSQL's own): migrations name them, and the shadow must have them too. */
async function serverRoles(url: string, settings: string[]): Promise<string[]> {
  return withConnection(url, async (client) => {
    await client.query('begin transaction read only');
    try {
      for (const s of settings) await client.query(s);
      return await roleNames(client);
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  });
}

/** A shadow holding the database's schema and its server's roles, from a read-only inspection. */
async function shadowOfDatabase(url: string, options: PreflightOptions, supabase: boolean, extensions: string[], settings: string[]): Promise<Shadow> {
  const [live, roles] = await Promise.all([inspectLive(url, options.scope ?? DEFAULT_SCOPE, options.timeouts), serverRoles(url, settings)]);
  return shadowCopy({ kind: 'live', url }, live.schema, { shadow: options.shadow, supabase, timeouts: options.timeouts, extensions }, [
    ...new Set([...roles, ...modelRoles(live.schema)]),
  ]);
}

export async function preflight(folder: MigrationFolder, url: string, options: PreflightOptions = {}): Promise<PreflightResult> {
  await loadParser();
  const settings = timeoutSettings({ ...DEFAULT_TIMEOUTS, ...options.timeouts }, true);
  const files = readFolder(folder);
  const history = await withConnection(url, (client) => readHistory(client, historyTool(folder.layout), url, settings));
  const status = migrationStatus(folder.layout, files, history);
  const toRun = new Set(status.filter((e) => TO_RUN.has(e.state) && e.file).map((e) => e.file!));
  const { files: pending, syntaxErrors } = readLintFiles(folder, {}, toRun);
  const supabase = options.supabase ?? folder.layout === 'supabase';
  const shadow = await shadowOfDatabase(url, options, supabase, extensionsCreated(pending), settings);
  try {
    const lint = await lintOnShadow(shadow, folder, pending, syntaxErrors, { ...options, supabase });
    return { history, status, tried: pending.map((f) => f.path), lint, after: await inspect(shadow, options.scope) };
  } finally {
    await shadow.close();
  }
}

/** A plan file tried on a shadow copy of the database: its first failure, at the plan's line, if any. */
export async function preflightPlan(path: string, text: string, url: string, options: PreflightOptions = {}): Promise<string | undefined> {
  await loadParser();
  const settings = timeoutSettings({ ...DEFAULT_TIMEOUTS, ...options.timeouts }, true);
  const statements = splitStatements(path, text);
  const shadow = await shadowOfDatabase(url, options, options.supabase ?? false, extensionsCreated([{ path, text, statements }]), settings);
  try {
    const failed = await runStatements(shadow, statements);
    return failed && new LocatedError(locateFailure(failed.stmt, failed.error, text), failed.error.message).message;
  } finally {
    await shadow.close();
  }
}
