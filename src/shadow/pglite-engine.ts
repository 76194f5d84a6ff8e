/**
 * PGlite, Postgres compiled to WebAssembly, in the thread that calls it (the shadow runs it in a
 * worker thread: see pglite.ts).
 *
 * A fresh PGlite runs initdb (seconds, hundreds of MB); loading an already-initialized data
 * directory takes a fraction of that. So the base state (an empty database, or one with the Supabase
 * platform objects) is built once, dumped, and kept in a cache keyed by PGlite's version and the
 * base script; later runs load it. Extensions PGlite ships are loaded on demand; for those it lacks,
 * a stand-in (see standins/) is written into its virtual file system as a real extension.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { releaseOnInterrupt } from './interrupt.js';
import { trace } from '../trace.js';
import { join } from 'node:path';
import type { Extension, PGlite } from '@electric-sql/pglite';
import { packDataDir, unpackDataDir, type DataDirFs } from './data-dir.js';
import { STANDINS, VECTOR_ACCESS_METHODS, controlFile, installScript } from './standins/index.js';
import { buildSupabaseBase, supabaseBaseFingerprint } from './supabase/base.js';
import { PLATFORM_CONTRIB } from './supabase/platform.js';
import { createRolesSql, type ExtensionRequest, type Shadow, type ShadowImage, type ShadowOptions } from './shadow.js';
import { PGLITE_VERSION } from './pglite-package.js';
import { cacheDir } from '../cache-dir.js';

/** Extensions PGlite ships as loadable bundles (module name = extension name with - as _). */
export const PGLITE_CONTRIB = new Set([
  'amcheck', 'auto_explain', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn',
  'earthdistance', 'file_fdw', 'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime',
  'pageinspect', 'pg_buffercache', 'pg_freespacemap', 'pg_stat_statements', 'pg_surgery', 'pg_trgm',
  'pg_visibility', 'pg_walinspect', 'pgcrypto', 'seg', 'tablefunc', 'tcn', 'tsm_system_rows',
  'tsm_system_time', 'unaccent', 'uuid-ossp',
]);

const EXTENSION_DIR = '/pglite/share/postgresql/extension';

/**
 * V8 compiles WebAssembly twice: at once with its baseline compiler (Liftoff), then its hot functions
 * again with the optimizing one, on background threads. For short work that second compilation costs
 * more than it gives back (measured on 2 cores: the 4-file example and a new migration on a saved
 * state of 820 35% faster with Liftoff alone, trigger.dev's 2,300 statements 10% faster, 8,000
 * statements 13% slower), so a shadow that will run fewer than this many statements uses Liftoff alone.
 * The flag holds for the whole process and is read when PGlite's module is compiled; it changes speed only.
 */
const BASELINE_ONLY_BELOW = 5000;

/** Whether a shadow that will run about this many statements compiles PGlite with Liftoff alone (see above). */
export function compilesForShortWork(statements: number | undefined): boolean {
  return statements !== undefined && statements < BASELINE_ONLY_BELOW;
}

/** The bundles a PGlite shadow loads (PGlite takes them when it starts, not later): the options' extensions it ships, and the Supabase base's. */
export function pgliteBundles(options: Pick<ShadowOptions, 'extensions' | 'supabase'>): Set<string> {
  const wanted = new Set(options.extensions.filter((e) => PGLITE_CONTRIB.has(e)));
  if (options.supabase) for (const e of PLATFORM_CONTRIB) wanted.add(e);
  return wanted;
}

/** Whether CREATE EXTENSION can succeed on a PGlite started with these bundles: one of them, or a stand-in. */
export function pgliteHasExtension(bundles: ReadonlySet<string>, name: string): boolean {
  return bundles.has(name) || STANDINS.has(name);
}

async function loadContrib(name: string): Promise<Extension> {
  const mod = name.replaceAll('-', '_');
  const imported = (await import(`@electric-sql/pglite/contrib/${mod}`)) as Record<string, Extension>;
  return imported[mod]!;
}

/** The parts of PGlite's Emscripten file system pgdrift uses. */
interface EmscriptenFs extends DataDirFs {
  writeFile(path: string, data: string | Uint8Array, options?: { canOwn?: boolean }): void;
  unlink(path: string): void;
}

/**
 * Captures PGlite's Emscripten file system: a saved data directory is written into it before
 * PostgreSQL starts (`image`, see data-dir.ts), stand-in extension files after; spent WAL is removed from it.
 */
function fsHook(image?: Uint8Array): { extension: Extension; fs: () => EmscriptenFs } {
  let fs: EmscriptenFs | undefined;
  const extension: Extension = {
    name: 'pgdrift-standins',
    setup: async (_pg, emscriptenOpts: { preRun?: ((mod: { FS: EmscriptenFs }) => void)[] }) => {
      // After PGlite's own preRun, which makes the (empty) data directory.
      emscriptenOpts.preRun = [...(emscriptenOpts.preRun ?? []), (mod) => {
        fs = mod.FS;
        if (image) unpackDataDir(fs, image);
      }];
      return { emscriptenOpts };
    },
  };
  return {
    extension,
    fs: () => {
      if (!fs) throw new Error('PGlite file system is not available');
      return fs;
    },
  };
}

/** A WAL segment's file name (timeline, log, segment: 24 hex digits). */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

class PgliteShadow implements Shadow {
  readonly standinAccessMethods = new Set(VECTOR_ACCESS_METHODS);
  /** A new PGlite has one role, its bootstrap superuser. */
  readonly preexistingRoles = new Set(['postgres']);
  constructor(
    private readonly pg: PGlite,
    private readonly fs: () => EmscriptenFs,
    readonly engine: string,
    readonly supabase: boolean,
    private readonly bundles: ReadonlySet<string>,
  ) {}
  async query(sql: string, params?: unknown[]) {
    const r = await this.pg.query<Record<string, unknown>>(sql, params);
    return { rows: r.rows };
  }
  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }
  hasExtension(name: string): boolean {
    return pgliteHasExtension(this.bundles, name);
  }
  /** Stand-ins are real extensions here (their files are written into PGlite's file system). */
  async createExtension(_request: ExtensionRequest, sql: string): Promise<void> {
    await this.pg.exec(sql);
  }
  async dump(): Promise<ShadowImage | undefined> {
    // SAVEPOINT succeeds only inside a transaction block (an open BEGIN that a migration left), which a saved state cannot hold.
    const inside = await this.pg.exec('savepoint pgdrift_dump').then(() => true, () => false);
    if (inside) {
      await this.pg.exec('release savepoint pgdrift_dump').catch(() => undefined);
      return undefined;
    }
    const settings = (await this.pg.query<{ name: string; value: string }>("select name, current_setting(name) as value from pg_settings where source = 'session' order by name")).rows;
    const extensions = (await this.pg.query<{ name: string }>("select extname as name from pg_extension where extname <> 'plpgsql' order by 1")).rows;
    return { dataDir: await this.dataDir(), settings: settings.map((r) => [r.name, r.value]), extensions: extensions.map((r) => r.name) };
  }
  /**
   * The data directory (see data-dir.ts). After a checkpoint, PostgreSQL needs only the WAL from the checkpoint's redo point to the current
   * insert position; the segments before it (spent) and after it (recycled for later use) are removed,
   * as pg_archivecleanup would. Each is a segment (1 MB: see openPglite) that a saved state need not carry.
   */
  async dataDir(): Promise<Uint8Array> {
    await this.pg.exec('checkpoint');
    const { rows } = await this.pg.query<{ dir: string; redo: string; current: string }>(
      "select current_setting('data_directory') as dir, redo_wal_file as redo, pg_walfile_name(pg_current_wal_insert_lsn()) as current from pg_control_checkpoint()",
    );
    const { dir, redo, current } = rows[0]!;
    this.removeWalOutside(dir, redo, current);
    return packDataDir(this.fs(), dir);
  }
  /**
   * The data directory once PostgreSQL has shut down: a clean state, which starts without crash recovery.
   * The shutdown checkpoint is written where the WAL stands after a checkpoint: in that segment, or the
   * next when it ends there; every other segment is spent or recycled. The shadow is closed after.
   */
  async closedDataDir(): Promise<Uint8Array> {
    await this.pg.exec('checkpoint');
    const { rows } = await this.pg.query<{ dir: string; current: string; next: string }>(
      `select current_setting('data_directory') as dir, pg_walfile_name(pg_current_wal_insert_lsn()) as current,
         pg_walfile_name(pg_current_wal_insert_lsn() + (select setting::numeric from pg_settings where name = 'wal_segment_size')) as next`,
    );
    const { dir, current, next } = rows[0]!;
    await this.pg.close();
    this.removeWalOutside(dir, current, next);
    return packDataDir(this.fs(), dir);
  }
  /** Remove the WAL segments before `first` and after `last` (segment names sort in WAL order). */
  private removeWalOutside(dir: string, first: string, last: string): void {
    const fs = this.fs();
    for (const name of fs.readdir(`${dir}/pg_wal`)) if (WAL_SEGMENT.test(name) && (name < first || name > last)) fs.unlink(`${dir}/pg_wal/${name}`);
  }
  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

/** PGlite opened in this thread, with its base state and the options' roles; on `compiled`, its module compiled elsewhere. */
export async function openPglite(options: ShadowOptions, compiled?: WebAssembly.Module): Promise<Shadow> {
  // PGlite itself is loaded only in the thread that runs it: the rest of pgdrift needs its version alone.
  trace('opening PGlite');
  const { PGlite } = await import('@electric-sql/pglite');
  const wanted = pgliteBundles(options);
  const bundles: Record<string, Extension> = {};
  for (const name of [...wanted].sort()) bundles[name.replaceAll('-', '_')] = await loadContrib(name);
  trace(`PGlite and ${wanted.size} extension bundles imported`);
  /** PGlite on a saved data directory, or (none given) a new one from initdb. */
  const start = async (dataDir?: Uint8Array) => {
    const hook = fsHook(dataDir);
    const extensions = { standins: hook.extension, ...bundles };
    // WAL in 1 MB segments instead of 16: the image and every state the replay cache saves hold the
    // current segment whole, so each is 15 MB smaller and loads sooner.
    const pg = await PGlite.create({
      extensions,
      ...(compiled ? { pgliteWasmModule: compiled } : {}),
      ...(dataDir ? {} : { initDbStartParams: ['--wal-segsize=1'] }),
    });
    writeStandins(hook.fs());
    return new PgliteShadow(pg, hook.fs, await engineName(pg), options.supabase, wanted);
  };

  if (options.image) {
    // A state the replay cache saved: its session settings go back as they were.
    const shadow = await start(options.image.dataDir);
    trace(`PGlite started on a saved state of ${Math.round(options.image.dataDir.length / 2 ** 20)} MB`);
    // set_config reads the value as the setting's text (a list stays a list, unlike a quoted SET).
    for (const [name, value] of options.image.settings) await shadow.query('select set_config($1, $2, false)', [name, value]);
    return shadow;
  }
  const file = join(cacheDir(), `pglite-${PGLITE_VERSION}-${options.supabase ? 'supabase' : 'plain'}-${baseImageKey(options.supabase)}.bin`);
  let shadow = await loadBaseImage(file, start);
  if (!shadow) {
    const building = await start();
    if (options.supabase) await buildSupabaseBase(building);
    // template0 (a third of the data directory) serves only CREATE DATABASE … TEMPLATE template0, which no
    // migration into one database runs; without it every shadow starts from a smaller image, sooner.
    await building.exec("update pg_database set datistemplate = false where datname = 'template0'");
    await building.exec('drop database template0');
    // PostgreSQL's default 128 MB of shared buffers are set up (in WebAssembly memory) at every start; a
    // schema's catalog needs a fraction: a quarter starts sooner and keeps each shadow ~100 MB smaller.
    await building.exec("alter system set shared_buffers = '32MB'");
    const image = await building.closedDataDir();
    await saveBaseImage(file, image);
    shadow = await start(image);
  }
  // Supabase sets this search_path on the postgres role, which no shadow alters (see replay).
  if (options.supabase) await shadow.exec('set search_path = "$user", public, extensions');
  if (options.roles?.length) await shadow.exec(createRolesSql(options.roles));
  return shadow;
}

async function engineName(pg: PGlite): Promise<string> {
  const version = (await pg.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  return `PGlite ${PGLITE_VERSION} (PostgreSQL ${version})`;
}

/** What is done to a new PGlite before its state becomes the base image (in openPglite); changed, every cached image is rebuilt. */
const BASE_RECIPE = 'without template0, shared_buffers 32MB, 1 MB WAL segments, shut down with spent WAL removed, data-dir.ts';

/** The base image depends on PGlite, on how it is made (BASE_RECIPE), and for Supabase on the platform scripts and the stand-ins they create. */
function baseImageKey(supabase: boolean): string {
  const hash = createHash('sha256').update(PGLITE_VERSION).update(BASE_RECIPE);
  if (supabase) {
    hash.update(supabaseBaseFingerprint());
    for (const ext of STANDINS.values()) hash.update(`${controlFile(ext)}${installScript(ext)}`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The cached base image, or undefined when there is none or it cannot be loaded (it is then rebuilt).
 * A cached image is the data directory (data-dir.ts) followed by its SHA-256 (hex): an image that was cut
 * short or whose bytes changed on disk is removed and built again, never loaded.
 */
const DIGEST_LENGTH = 64;
const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function loadBaseImage(file: string, open: (image: Buffer) => Promise<PgliteShadow>): Promise<PgliteShadow | undefined> {
  const cached = await readFile(file).catch(() => undefined);
  if (!cached) return undefined;
  const image = cached.subarray(0, Math.max(0, cached.length - DIGEST_LENGTH));
  try {
    if (cached.subarray(image.length).toString('latin1') !== digest(image)) throw new Error('corrupt');
    return await open(image);
  } catch {
    await rm(file, { force: true });
    return undefined;
  }
}

function writeStandins(fs: EmscriptenFs): void {
  for (const ext of STANDINS.values()) {
    fs.writeFile(`${EXTENSION_DIR}/${ext.name}.control`, controlFile(ext));
    fs.writeFile(`${EXTENSION_DIR}/${ext.name}--${ext.version}.sql`, installScript(ext));
  }
}

async function saveBaseImage(file: string, image: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const removeTmp = () => rm(tmp, { force: true }).catch(() => undefined);
  const unregister = releaseOnInterrupt(removeTmp);
  try {
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(tmp, Buffer.concat([image, Buffer.from(digest(image), 'latin1')]));
    await rename(tmp, file);
  } catch {
    // A cache that cannot be written (a full disk) only costs time on the next run; nothing partial stays.
    await removeTmp();
  } finally {
    unregister();
  }
}
