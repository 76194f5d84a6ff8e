/**
 * `pgdrift.config.(json|yaml|yml|ts|mts|js|mjs)`: named sources, the comparisons `pgdrift check` runs,
 * intentional differences (ignore rules with reasons), rename decisions, and rule severities.
 * Source values may use environment variables (`${DATABASE_URL}`), so no secret needs to be committed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from './schema.js';
import { UserError } from '../errors.js';

export type { Config, IgnoreRule } from './schema.js';

/** The config of a folder without a config file: what ConfigZ gives for `{}` (a test holds them equal). */
export function defaultConfig(): Config {
  return { sources: {}, check: [], ignore: [], renames: [], rules: {}, lint: {}, audit: {} };
}

export const CONFIG_NAMES = ['pgdrift.config.json', 'pgdrift.config.yaml', 'pgdrift.config.yml', 'pgdrift.config.ts', 'pgdrift.config.mts', 'pgdrift.config.js', 'pgdrift.config.mjs'];

/** Expand `${VAR}` and `$VAR` in a source value; an unset variable is bad input. */
export function expandEnv(value: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = env[name];
    if (v === undefined) throw new UserError(`${where} uses $${name}, which is not set`);
    return v;
  });
}

/** The text of a JSON or YAML config (what the file says is all there is to it); none for code. */
const dataText = (path: string) => (/\.(json|ya?ml)$/.test(path) ? readFileSync(path, 'utf8') : undefined);

async function readConfigFile(path: string, text: string | undefined): Promise<unknown> {
  try {
    if (path.endsWith('.json')) return JSON.parse(text!);
    if (text !== undefined) return (await import('yaml')).parse(text);
    const url = pathToFileURL(resolve(path)).href;
    if (path.endsWith('.ts') || path.endsWith('.mts')) {
      const { tsImport } = await import('tsx/esm/api');
      const exported = ((await tsImport(url, import.meta.url)) as { default: unknown }).default;
      // Outside an ESM package the file is compiled as CommonJS and its default export arrives wrapped.
      const wrapped = exported as { __esModule?: boolean; default?: unknown } | undefined;
      return wrapped?.__esModule && 'default' in wrapped ? wrapped.default : exported;
    }
    return ((await import(url)) as { default: unknown }).default;
  } catch (e) {
    // esbuild (under tsx) tells a syntax error on its second line: `<file>:<line>:<col>: ERROR: <what>`.
    const located = /:(\d+):(\d+): ERROR: (.*)/.exec((e as Error).message ?? '');
    if (located) throw new UserError(`${path}:${located[1]}:${Number(located[2]) + 1}: cannot read the config: ${located[3]}`);
    throw new UserError(`${path}: cannot read the config: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * The config at `path`, or the one in the working directory, or an empty one. A JSON or YAML file
 * validated before, the same text by the same pgdrift, comes from the replay cache (unless `cache` is
 * false): zod and the YAML parser load only for a new or edited config.
 */
export async function loadConfig(path?: string, { cache = true } = {}): Promise<Config> {
  const file = path ?? CONFIG_NAMES.find((n) => existsSync(n));
  if (!file) return defaultConfig();
  if (!existsSync(file)) throw new UserError(`config not found: ${file}`);
  const text = dataText(file);
  const store = cache && text !== undefined ? await import('../sources/replay-cache.js') : undefined;
  const key = store?.configKey(extname(file), text!);
  const known = key ? await store!.readCachedJson<Config>('config', key) : undefined;
  if (known) return { ...known, file };
  const { ConfigZ } = await import('./schema.js');
  const result = ConfigZ.safeParse(await readConfigFile(file, text));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'top level';
    throw new UserError(`${file}: ${where}: ${issue.message}`);
  }
  if (key) await store!.writeCachedJson('config', key, result.data);
  return { ...result.data, file };
}

/**
 * A command-line source argument: a name the config declares (possibly a list, like tenants), or a
 * source spelled out. Returns the source strings with environment variables expanded.
 */
export function resolveSourceName(config: Config, arg: string): { name?: string; specs: string[] } {
  const declared = config.sources[arg];
  if (declared === undefined) return { specs: [arg] };
  const list = Array.isArray(declared) ? declared : [declared];
  return { name: arg, specs: list.map((v, i) => expandEnv(v, `sources.${arg}${Array.isArray(declared) ? `[${i}]` : ''}`)) };
}
