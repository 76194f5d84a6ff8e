/**
 * What every command shares: --config, the options for sources that are replayed, and a workspace
 * that resolves source arguments (config names or spelled-out sources) and loads each only once.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig, resolveSourceName, type Config } from '../config/config.js';
import { DEFAULT_SCOPE, type InspectScope } from '../inspect/scope.js';
import { loadSource, type LoadedSource, type LoadOptions } from '../sources/load.js';
import { parseSourceSpec } from '../sources/resolve.js';
import type { Severity } from '../diff/types.js';
import { UserError } from '../errors.js';
import { DEFAULT_TIMEOUTS, type Timeouts } from '../sources/timeouts.js';
import { isPostgresUrl, maskUrl } from '../sources/url.js';
import { displayPath } from '../sources/migrations.js';
import type { ShadowChoice } from '../shadow/create.js';

export interface CommonFlags {
  config?: string;
  shadow?: string;
  supabase?: boolean;
  schema?: string[];
  statementTimeout?: number;
  lockTimeout?: number;
  role?: string[];
  /** false with --no-cache. */
  cache?: boolean;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a number of seconds above 0');
  return n;
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file (default: pgdrift.config.{json,yaml,yml,ts,js} in this folder)')
    .option('--shadow <where>', 'where SQL is replayed: pglite (embedded, default), embedded (a real server from npm) or a postgres:// URL')
    .option('--supabase', 'replay against the objects Supabase provides (detected for supabase/migrations)')
    .option('--no-supabase', 'replay on a bare Postgres even for a supabase/migrations folder')
    .option('--schema <name...>', 'only these schemas (default: all but system and platform schemas)')
    .option('--role <name...>', 'roles for the shadow to create before replay: ones the SQL names but the server provides')
    .option('--statement-timeout <seconds>', `longest one statement may run: a live inspection's catalog queries, each replayed statement on any shadow (default: ${DEFAULT_TIMEOUTS.statement})`, seconds)
    .option('--lock-timeout <seconds>', `longest a live inspection waits for a lock (default: ${DEFAULT_TIMEOUTS.lock})`, seconds)
    .option('--no-cache', 'replay every file, without reading or filling the replay cache');
}

/** `replayed 1 of 820 files, 819 from cache`, when the replay cache spared anything. */
export function replayNote(source: LoadedSource): string | undefined {
  const r = source.replay;
  if (!r || r.replayed === r.files) return undefined;
  return `${source.label}: replayed ${r.replayed} of ${r.files} file${r.files === 1 ? '' : 's'}, ${r.files - r.replayed} from cache`;
}

const withoutUnset = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function failOnOption(): Option {
  return new Option('--fail-on <severity>', 'exit 1 when anything at or above this severity is found (default: error)').choices(['error', 'warning', 'info']);
}

export interface NamedSource extends LoadedSource {
  /** The config name the source was given by, if any. */
  name?: string;
}

/** A source that could not be loaded, and why. */
export interface UnloadedSource {
  label: string;
  error: UserError;
}

export class Workspace {
  private readonly cache = new Map<string, Promise<LoadedSource>>();
  private constructor(
    readonly config: Config,
    private readonly options: LoadOptions,
  ) {}

  /** Where SQL is replayed, from --shadow or the config. */
  get shadow(): ShadowChoice {
    return this.options.shadow ?? 'pglite';
  }

  /** The schemas inspected, from --schema or the config. */
  get scope(): InspectScope | undefined {
    return this.options.scope;
  }

  /** Bounds on statements and locks, from the flags or the config. */
  get timeouts(): Partial<Timeouts> | undefined {
    return this.options.timeouts;
  }

  /** `extra` adds load options a command needs (the catalog, for a plan's verification). */
  static async open(flags: CommonFlags, extra: Partial<LoadOptions> = {}): Promise<Workspace> {
    const config = await loadConfig(flags.config, { cache: flags.cache !== false });
    const schemas = flags.schema ?? config.schemas;
    const scope: InspectScope = schemas?.length ? { excludeSchemas: [], includeSchemas: schemas } : DEFAULT_SCOPE;
    const timeouts: Partial<Timeouts> = { statement: flags.statementTimeout ?? config.statementTimeout, lock: flags.lockTimeout ?? config.lockTimeout };
    const roles = flags.role ?? config.roles;
    return new Workspace(config, {
      shadow: flags.shadow ?? config.shadow ?? 'pglite', supabase: flags.supabase ?? config.supabase, scope, timeouts: withoutUnset(timeouts),
      ...(roles ? { roles } : {}), ...(flags.cache === false ? { cache: false } : {}), ...extra,
    });
  }

  failOn(flag: Severity | undefined): Severity {
    return flag ?? this.config.failOn ?? 'error';
  }

  /** Every source an argument stands for (a config name may stand for a list, such as tenants). */
  async loadAll(arg: string, extra: Partial<LoadOptions> = {}): Promise<NamedSource[]> {
    const loaded: NamedSource[] = [];
    for (const one of await this.loadEach(arg, extra)) {
      if ('error' in one) throw one.error;
      loaded.push(one);
    }
    return loaded;
  }

  /** Like loadAll, but a source that cannot be loaded (an unreachable tenant) comes back as its error. */
  async loadEach(arg: string, extra: Partial<LoadOptions> = {}): Promise<(NamedSource | UnloadedSource)[]> {
    const { name, specs } = resolveSourceName(this.config, arg);
    const out: (NamedSource | UnloadedSource)[] = [];
    // A source loaded with its shadow kept open is the caller's alone: it is not shared through the cache.
    const shared = !extra.keepShadow;
    for (const spec of specs) {
      let pending = shared ? this.cache.get(spec) : undefined;
      if (!pending) {
        pending = loadSource(parseSourceSpec(spec), { ...this.options, ...extra });
        // Notes (what a source set aside) go to stderr once, so stdout stays the report.
        void pending.then((s) => [...(s.notes ?? []), replayNote(s)].forEach((n) => n && process.stderr.write(`pgdrift: note: ${n}\n`)), () => {});
        if (shared) this.cache.set(spec, pending);
      }
      const named = (label: string) => (name && (specs.length > 1 || name !== label) ? `${name} (${label})` : label);
      try {
        const source = await pending;
        out.push(name ? { ...source, name, label: named(source.label) } : source);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        out.push({ label: named(isPostgresUrl(spec) ? maskUrl(spec) : displayPath(spec)), error: e });
      }
    }
    return out;
  }

  /** A source read again rather than from this workspace's cache: a database a command has just changed. */
  async reload(arg: string): Promise<NamedSource> {
    for (const spec of resolveSourceName(this.config, arg).specs) this.cache.delete(spec);
    return this.loadOne(arg);
  }

  /** Exactly one source. */
  async loadOne(arg: string, extra: Partial<LoadOptions> = {}): Promise<NamedSource> {
    const { specs } = resolveSourceName(this.config, arg);
    if (specs.length !== 1) throw new UserError(`${arg} names ${specs.length} sources; compare them with pgdrift check, or name one`);
    return (await this.loadAll(arg, extra))[0]!;
  }
}

/** The one source an argument names, of the kind the command needs. */
export function oneSource<K extends 'migrations' | 'live'>(config: Config, arg: string, kind: K, what: string) {
  const { specs } = resolveSourceName(config, arg);
  if (specs.length !== 1) throw new UserError(`${arg} names ${specs.length} sources; name one ${what}`);
  const spec = parseSourceSpec(specs[0]!);
  if (spec.kind !== kind) throw new UserError(`${arg} is not ${what}`);
  return spec as Extract<ReturnType<typeof parseSourceSpec>, { kind: K }>;
}
