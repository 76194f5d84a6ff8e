/**
 * Loading any source into the model. Migrations and SQL files are parsed, replayed into a shadow
 * database and inspected; live databases are inspected in a read-only transaction; snapshots are
 * read back. The shadow is always closed, whatever happens (unless the caller asked to keep it, see LoadOptions.keepShadow).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocatedError, UserError } from '../errors.js';
import { DEFAULT_SCOPE, type InspectScope } from '../inspect/scope.js';
import type { CatalogState } from '../inspect/catalog-state.js';
import { statementTimeout, type Timeouts } from './timeouts.js';
import { readSourceText } from './text.js';
import type { Schema } from '../model/types.js';
import type { ShadowChoice } from '../shadow/create.js';
import type { Shadow } from '../shadow/shadow.js';
import { displayPath, findMigrations, type MigrationLayout } from './migrations.js';
import type { SqlFile } from './replay.js';
import { findCachedState, modelKey, readCachedJson, replayChain, stateWorthMs, writeCachedJson, writeCachedState } from './replay-cache.js';
import { isReplayed, type ReplayedSpec, type SourceSpec } from './resolve.js';
import { maskUrl } from './url.js';
import { trace } from '../trace.js';
import { startThreadEarly } from '../shadow/pglite-thread.js';
import type { ChangeKind } from '../diff/types.js';

// What inspects, replays and parses is loaded when a source needs it: a model the replay cache
// answers with is read without loading the shadow, the inspection or the SQL parser.
const inspection = () => import('../inspect/inspect.js');
const loadParser = () => import('./sql.js').then((m) => m.loadParser());

/** Where the options replay SQL (PGlite unless they say otherwise). */
const shadowOf = (options: LoadOptions): ShadowChoice => options.shadow ?? 'pglite';

export interface LoadOptions {
  /** Where to replay SQL: `pglite` (default), `embedded`, or a postgres:// URL. */
  shadow?: ShadowChoice;
  /** Replay against Supabase's platform objects; detected from the folder when undefined. */
  supabase?: boolean;
  scope?: InspectScope;
  /** Roles to create in the shadow before replay. */
  roles?: string[];
  /** Extensions the shadow must be able to create besides those the SQL creates (a plan's target's). */
  extensions?: string[];
  /** Bounds on statements and locks on servers (DEFAULT_TIMEOUTS where unset). */
  timeouts?: Partial<Timeouts>;
  /** Also read the catalog state (what a plan's verification compares beyond the model). */
  catalog?: boolean;
  /** Use the replay cache (default: yes, with the PGlite shadow; `--no-cache` turns it off). */
  cache?: boolean;
  /**
   * Keep a replayed source's shadow open and return it (LoadedSource.shadow; the caller closes it): a
   * plan's verification runs on the shadow that `from` was just replayed into instead of replaying it again.
   */
  keepShadow?: boolean;
  /**
   * Have the SQL parser ready when the source is (default: yes): what compares, audits or plans a
   * model parses its expressions. A command that only prints the model says `false`.
   */
  parser?: boolean;
}

/** How much of a replay the cache spared. */
export interface ReplayStats {
  files: number;
  /** Files run on the shadow; the others came from a cached state (or the model came from the cache). */
  replayed: number;
}

export interface LoadedSource {
  schema: Schema;
  /** How the source is named in reports (URLs with the password masked). */
  label: string;
  /** What produced the model: the shadow engine or the live server. */
  engine?: string;
  layout?: MigrationLayout;
  files?: number;
  /** Kinds this source cannot describe (a types file has no indexes): comparisons leave them out. */
  blindSpots?: ChangeKind[];
  /** A database.types.ts: what it is compared with must first be projected onto what it can say. */
  typesOnly?: boolean;
  /** A Prisma schema: comparisons list what Prisma cannot express apart. */
  prisma?: boolean;
  /** What was set aside while reading the source, each as one line (`file:line:col: …`). */
  notes?: string[];
  /** The catalog state, when asked for (options.catalog) and the source is a database. */
  catalog?: CatalogState;
  /** For a replayed source: how many files ran, the others coming from the replay cache. */
  replay?: ReplayStats;
  /** With options.keepShadow, when the source was replayed (not answered by the cache): its shadow, open. */
  shadow?: Shadow;
}

/** What the replay cache keeps of a replayed source. */
interface CachedModel {
  schema: Schema;
  engine: string;
  catalog?: { major: number; supabase: boolean; facts: [string, string][] };
}

export async function loadSource(spec: SourceSpec, options: LoadOptions = {}): Promise<LoadedSource> {
  // What reads a model (diff, audit, plan) parses its SQL: the parser is ready whenever a source is
  // (unless options.parser is false), also when the model comes from a snapshot or the replay cache
  // and nothing was parsed to load it. It loads (WebAssembly, compiled off the main thread) while the
  // source is read; a replayed source loads it itself, after its shadow's thread has started.
  const parser = options.parser === false || isReplayed(spec) ? undefined : loadParser().then(() => trace('SQL parser loaded'));
  try {
    return await loadUnparsed(spec, options);
  } finally {
    await parser;
  }
}

async function loadUnparsed(spec: SourceSpec, options: LoadOptions): Promise<LoadedSource> {
  const scope = options.scope ?? DEFAULT_SCOPE;
  switch (spec.kind) {
    case 'live': {
      const { inspectLive } = await import('../inspect/live.js');
      const { schema, version, catalog } = await inspectLive(spec.url, scope, options.timeouts, options.catalog);
      return { schema, label: maskUrl(spec.url), engine: `PostgreSQL ${version}`, ...(catalog ? { catalog } : {}) };
    }
    case 'snapshot': {
      const label = displayPath(spec.path);
      const text = readSourceText(spec.path, label);
      let snapshot: Awaited<ReturnType<typeof import('../model/snapshot.js')['parseSnapshot']>>;
      try {
        // zod, which checks a snapshot, is loaded only for one.
        snapshot = (await import('../model/snapshot.js')).parseSnapshot(text);
      } catch (e) {
        throw new UserError(`${label}: ${(e as Error).message}`);
      }
      // A snapshot written before grants were in the model cannot say what was granted.
      return { schema: snapshot.schema, label, ...(snapshot.version < 2 ? { blindSpots: ['grant' as const] } : {}) };
    }
    case 'sql':
    case 'migrations':
      return loadReplayed(readReplayInput(spec), options, scope);
    case 'types': {
      const { readSupabaseTypes, TYPES_FILE_BLIND_SPOTS } = await import('./supabase-types.js');
      return { schema: await readSupabaseTypes(spec.path), label: displayPath(spec.path), blindSpots: TYPES_FILE_BLIND_SPOTS, typesOnly: true };
    }
    case 'prisma': {
      // The shadow's thread boots while Prisma's engine works.
      if (shadowOf(options) === 'pglite') startThreadEarly();
      const [{ readPrismaSchema }, { PRISMA_ENGINE_VERSION }, { inspect }] = await Promise.all([import('./prisma.js'), import('./prisma-engine.js'), inspection()]);
      const prisma = await readPrismaSchema(spec.path);
      const label = displayPath(spec.path);
      // Prisma's SQL stands alone (never on a platform base), and the schemas it creates are the project's own.
      const input = { files: [{ path: `${label} (as Prisma's schema engine writes it)`, text: prisma.sql }], label, notes: [] };
      const { shadow } = await replayIntoShadow(input, { ...options, supabase: false });
      try {
        const prismaScope = scope.includeSchemas ? scope : { excludeSchemas: scope.excludeSchemas.filter((s) => !prisma.schemas.includes(s)) };
        const schema = await inspect(shadow, prismaScope);
        return { schema, label, engine: `Prisma schema engine ${PRISMA_ENGINE_VERSION} on ${shadow.engine}`, files: prisma.files.length, prisma: true, notes: prisma.notes };
      } finally {
        await shadow.close();
      }
    }
  }
}

/** What a SQL file or migrations folder gives to replay: its files in order, and how to name it. */
interface ReplayInput {
  files: SqlFile[];
  label: string;
  layout?: MigrationLayout;
  notes: string[];
  /** The PostgreSQL major the project's Supabase config names. */
  major?: number;
}

function readReplayInput(spec: ReplayedSpec): ReplayInput {
  if (spec.kind === 'sql') {
    const label = displayPath(spec.path);
    return { files: [{ path: label, text: readSourceText(spec.path, label) }], label, notes: [] };
  }
  const folder = findMigrations(spec.path);
  return {
    files: folder.files.map((f) => ({ path: f.path, text: readSourceText(f.path, f.path) })),
    label: displayPath(folder.dir),
    layout: folder.layout,
    notes: folder.skipped.map((f) => `${f.path} skipped: the Supabase CLI runs only files named <timestamp>_<name>.sql`),
    ...(folder.layout === 'supabase' ? { major: supabaseMajorVersion(folder.dir) } : {}),
  };
}

/** Whether the files replay on the Supabase base, and the replay cache's keys for them (the cache serves the PGlite shadow only). */
function replaySetup(input: ReplayInput, options: LoadOptions): { supabase: boolean; chain?: string[] } {
  const supabase = options.supabase ?? input.layout === 'supabase';
  const cached = options.cache !== false && shadowOf(options) === 'pglite';
  return { supabase, ...(cached ? { chain: replayChain({ supabase, roles: options.roles ?? [] }, input.files) } : {}) };
}

/** The model of a replayed source: from the replay cache when the files are unchanged, else replayed (from the longest cached prefix). */
async function loadReplayed(input: ReplayInput, options: LoadOptions, scope: InspectScope): Promise<LoadedSource> {
  const { supabase, chain } = replaySetup(input, options);
  const key = chain && modelKey(chain[chain.length - 1]!, { scope, catalog: Boolean(options.catalog) });
  const about = { label: input.label, files: input.files.length, notes: input.notes, ...(input.layout ? { layout: input.layout } : {}) };
  const cached = key ? await readCachedJson<CachedModel>('model', key) : undefined;
  trace(cached ? 'replay cache: the model' : 'replay cache: no model');
  if (cached) {
    if (options.parser !== false) await loadParser();
    const catalog = cached.catalog ? { catalog: { ...cached.catalog, facts: new Map(cached.catalog.facts) } } : {};
    return { ...about, schema: cached.schema, engine: cached.engine, replay: { files: input.files.length, replayed: 0 }, ...catalog };
  }
  // A PGlite shadow's thread starts now, while the code that drives it loads.
  if (shadowOf(options) === 'pglite') startThreadEarly();
  const replaying = replayIntoShadow(input, { ...options, supabase }, chain);
  // The inspection's code loads while the shadow starts and the files replay (after the shadow's code, asked for first).
  const inspecting = Promise.all([inspection(), import('../inspect/catalog-state.js')]);
  const { shadow, replay: stats, written } = await replaying;
  let kept = false;
  try {
    const [{ inspect }, { readCatalogState }] = await inspecting;
    const catalog = options.catalog ? await readCatalogState(shadow, scope) : undefined;
    const schema = await inspect(shadow, scope);
    trace('inspected');
    await written;
    if (key) await writeCachedJson('model', key, { schema, engine: shadow.engine, ...(catalog ? { catalog: { ...catalog, facts: [...catalog.facts] } } : {}) } satisfies CachedModel);
    kept = Boolean(options.keepShadow);
    return { ...about, schema, engine: shadow.engine, replay: stats, ...(catalog ? { catalog } : {}), ...(kept ? { shadow } : {}) };
  } finally {
    if (!kept) await shadow.close();
  }
}

/** The replay cache's last key for a SQL file or migrations folder (what its replay gives depends on nothing else), when the cache serves these options. */
export function replayKey(spec: ReplayedSpec, options: LoadOptions = {}): string | undefined {
  return replaySetup(readReplayInput(spec), options).chain?.at(-1);
}

/** A shadow with a SQL file or migrations folder replayed into it, left open for the caller to close. */
export async function openReplayed(
  spec: ReplayedSpec,
  options: LoadOptions = {},
): Promise<{ shadow: Shadow; label: string; files: number; layout?: MigrationLayout; notes: string[] }> {
  const input = readReplayInput(spec);
  const { supabase, chain } = replaySetup(input, options);
  const { shadow, written } = await replayIntoShadow(input, { ...options, supabase }, chain);
  await written;
  return { shadow, label: input.label, files: input.files.length, notes: input.notes, ...(input.layout ? { layout: input.layout } : {}) };
}

/** `[db] major_version` of the config.toml beside a supabase/migrations folder. */
export function supabaseMajorVersion(migrationsDir: string): number | undefined {
  const file = join(migrationsDir, '..', 'config.toml');
  if (!existsSync(file)) return undefined;
  const db = /^\[db\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  const v = /^\s*major_version\s*=\s*(\d+)/m.exec(db)?.[1];
  return v ? Number(v) : undefined;
}

/**
 * A new shadow with the files replayed into it, in order; closed again if replay fails. With a chain
 * of cache keys it starts from the longest prefix the replay cache holds, and saves the state before
 * the newest file and after the last one (so adding a migration, or editing the newest, replays only
 * that file), each when the replay up to it took longer than a state costs to keep (stateWorthMs).
 * `written` settles when the saved states are in the cache. When the project's Supabase config names
 * another PostgreSQL major than the shadow's, a failure says so.
 */
async function replayIntoShadow(input: ReplayInput, options: LoadOptions, chain?: string[]): Promise<{ shadow: Shadow; replay: ReplayStats; written: Promise<void> }> {
  trace(`read ${input.files.length} files`);
  // The shadow's code is loaded first: its thread starts while the parser loads, the files are parsed
  // and the cache is read; its options wait for the state found.
  const { createShadow } = await import('../shadow/create.js');
  const replaying = import('./replay.js');
  const prepared = Promise.all([chain ? findCachedState(chain) : undefined, replaying, loadParser()]).then(([start, { extensionsCreated, parseFiles }]) => {
    trace(start ? `replay cache: the state after ${start.at} files` : 'replay cache: no state');
    // The files a cached state holds are not parsed again: the state says which extensions they created.
    const rest = parseFiles(input.files.slice(start?.at ?? 0));
    const extensions = [...new Set([...(start?.image.extensions ?? []), ...extensionsCreated(rest), ...(options.extensions ?? [])])];
    const statements = rest.reduce((n, f) => n + f.statements.length, 0);
    const shadowOptions = { supabase: options.supabase ?? false, extensions, roles: options.roles ?? [], statementTimeout: statementTimeout(options.timeouts), statements, ...(start ? { image: start.image } : {}) };
    return { rest, shadowOptions };
  });
  const shadow = await createShadow(shadowOf(options), prepared.then((p) => p.shadowOptions));
  const [{ rest }, { replay }] = await Promise.all([prepared, replaying]);
  trace(`shadow ready: ${shadow.engine}`);
  // A state is dumped where the replay stands; writing it to the cache goes on while the caller inspects.
  const writes: Promise<void>[] = [];
  let since = performance.now();
  const save = async (at: number) => {
    if (!chain || performance.now() - since < stateWorthMs()) return;
    const image = await shadow.dump?.();
    if (image) writes.push(writeCachedState(chain[at]!, image).then(() => trace(`replay cache: saved the state after ${at} files`)));
    since = performance.now();
  };
  try {
    const last = input.files.length;
    if (rest.length > 1) {
      await replay(shadow, rest.slice(0, -1));
      await save(last - 1);
      await replay(shadow, rest.slice(-1));
    } else {
      await replay(shadow, rest);
    }
    trace(`replayed ${rest.length} files`);
    if (rest.length) await save(last);
  } catch (e) {
    await shadow.close();
    const engineMajor = Number(/PostgreSQL (\d+)/.exec(shadow.engine)?.[1]);
    if (e instanceof LocatedError && input.major && engineMajor !== input.major) {
      throw new LocatedError(e.location, `${e.detail}; config.toml says major_version = ${input.major} and the shadow runs PostgreSQL ${engineMajor}: if this statement exists only on PostgreSQL ${input.major}, replay on such a server with --shadow postgres://…`);
    }
    throw e;
  }
  return { shadow, replay: { files: input.files.length, replayed: rest.length }, written: Promise.all(writes).then(() => undefined) };
}
