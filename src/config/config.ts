/**
 * `pgdrift.config.(json|yaml|yml|ts|mts|js|mjs)`: named sources, the comparisons `pgdrift check` runs,
 * intentional differences (ignore rules with reasons), rename decisions, and rule severities.
 * Source values may use environment variables (`${DATABASE_URL}`), so no secret needs to be committed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { UserError } from '../errors.js';

const SeverityZ = z.enum(['error', 'warning', 'info']);
const KindZ = z.enum([
  'schema', 'extension', 'collation', 'enum', 'domain', 'type', 'sequence', 'table', 'column', 'constraint', 'index',
  'rls', 'policy', 'view', 'materialized view', 'function', 'trigger', 'publication', 'grant', 'comment',
]);
const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t)]);

export const IgnoreRuleZ = z.object({
  /** Glob over object identities: `*` within one name, `**` across names (`public.*.organization_id`). */
  object: z.string(),
  kind: oneOrMany(KindZ).optional(),
  action: oneOrMany(z.enum(['missing', 'extra', 'different', 'rename'])).optional(),
  /** Only when comparing these sources (by name), e.g. the tenant databases. */
  sources: z.array(z.string()).optional(),
  reason: z.string().min(1, 'say why the difference is intentional'),
});

export const ConfigZ = z
  .object({
    sources: z.record(z.string(), oneOrMany(z.string())).default({}),
    check: z
      .array(z.object({ from: z.string(), to: z.string(), failOn: SeverityZ.optional() }))
      .default([]),
    ignore: z.array(IgnoreRuleZ).default([]),
    renames: z
      .array(
        z.object({
          kind: z.enum(['table', 'column']).default('column'),
          from: z.string(),
          to: z.string(),
          confirmed: z.boolean().default(true),
        }),
      )
      .default([]),
    rules: z.record(z.string(), z.enum(['error', 'warning', 'info', 'off'])).default({}),
    lint: z
      .object({
        /** Each migration file runs in one transaction (default: for Supabase and Prisma folders). */
        assumeInTransaction: z.boolean().optional(),
        /** The PostgreSQL major version production runs. */
        pgVersion: z.number().int().min(9).optional(),
      })
      .strict()
      .default({}),
    audit: z
      .object({
        exposedSchemas: z.array(z.string()).optional(),
        tenantColumns: z.array(z.string()).optional(),
        forceRls: z.array(z.string()).optional(),
        roles: z.array(z.string()).optional(),
      })
      .strict()
      .default({}),
    failOn: SeverityZ.optional(),
    shadow: z.string().optional(),
    supabase: z.boolean().optional(),
    schemas: z.array(z.string()).optional(),
    /** Roles for the shadow to create before replay (--role). */
    roles: z.array(z.string()).optional(),
    /** Defaults for --statement-timeout and --lock-timeout, in seconds. */
    statementTimeout: z.number().positive().optional(),
    lockTimeout: z.number().positive().optional(),
  })
  .strict();

/** The config, and the file it came from (none when there is no config file). */
export type Config = z.infer<typeof ConfigZ> & { file?: string };
export type IgnoreRule = z.infer<typeof IgnoreRuleZ>;

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

async function readConfigFile(path: string): Promise<unknown> {
  try {
    if (path.endsWith('.json')) return JSON.parse(readFileSync(path, 'utf8'));
    if (path.endsWith('.yaml') || path.endsWith('.yml')) return (await import('yaml')).parse(readFileSync(path, 'utf8'));
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

/** The config at `path`, or the one in the working directory, or an empty one. */
export async function loadConfig(path?: string): Promise<Config> {
  const file = path ?? CONFIG_NAMES.find((n) => existsSync(n));
  if (!file) return ConfigZ.parse({});
  if (!existsSync(file)) throw new UserError(`config not found: ${file}`);
  const result = ConfigZ.safeParse(await readConfigFile(file));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'top level';
    throw new UserError(`${file}: ${where}: ${issue.message}`);
  }
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
