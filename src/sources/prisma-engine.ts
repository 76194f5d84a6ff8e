/**
 * Prisma's own schema engine (`@prisma/schema-engine-wasm`), run offline, says what SQL a Prisma
 * schema means: exactly what `prisma migrate diff --from-empty --to-schema <schema> --script` prints.
 *
 * Two things make it run in Node 20 with no database and no download:
 * - Node cannot import a `.wasm` file as an ES module, so the wasm-bindgen glue is instantiated by hand.
 * - The engine talks to PostgreSQL through a driver adapter. For an empty → schema diff it sends one
 *   start-up query (does the schema exist, which server version) and nothing else; pgdrift's adapter
 *   answers that query for an empty PostgreSQL 17 database and refuses anything else, so an engine
 *   that one day asks for more fails loudly instead of being answered wrongly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { bindMigrationAwareSqlAdapterFactory as Bind } from '@prisma/driver-adapter-utils';

/** The server the engine is told it writes for (the answer to its start-up query). */
const SERVER = { version: 'PostgreSQL 17.10', versionNum: 170010 };

interface EngineDiffResult {
  exitCode: number;
  stdout: string;
}
interface SchemaEngine {
  diff(params: unknown): Promise<EngineDiffResult>;
  free(): void;
}
interface EngineModule {
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: object) => Promise<SchemaEngine> };
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
}

let engineModule: Promise<EngineModule> | undefined;

/** Where the engine's wasm glue leaves the message of a Rust panic before it aborts. */
const panics = { last: undefined as string | undefined, set_message(message: string) { this.last = message; } };

/** The engine's package folder, found through its entry point (its package.json exports no path to the wasm). */
function packageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm'));
}

export const PRISMA_ENGINE_VERSION: string = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')).version;

function loadEngine(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const dir = packageDir();
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panics }).PRISMA_WASM_PANIC_REGISTRY ??= panics;
    const glue = (await import(join(dir, 'schema_engine_bg.js'))) as EngineModule;
    const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, 'schema_engine_bg.wasm')), { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/** The one query the engine sends before an empty → schema diff, answered for an empty database. */
async function startupOnlyAdapter() {
  // Loaded when a Prisma schema is read, not on every command.
  const { ColumnTypeEnum } = await import('@prisma/driver-adapter-utils');
  const connection = {
    provider: 'postgres' as const,
    adapterName: 'pgdrift-offline',
    async queryRaw(query: { sql: string; args: unknown[] }) {
      if (!/^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql)) {
        throw new Error(`Prisma's schema engine asked for more than pgdrift can answer offline: ${query.sql.slice(0, 120)}`);
      }
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        // An empty database has the schema `public` and no other.
        rows: [[query.args[0] === 'public', SERVER.version, SERVER.versionNum]],
      };
    },
    async executeRaw(): Promise<number> {
      throw new Error('pgdrift runs Prisma\'s schema engine without a database');
    },
    async executeScript(): Promise<void> {
      throw new Error('pgdrift runs Prisma\'s schema engine without a database');
    },
    async startTransaction(): Promise<never> {
      throw new Error('pgdrift runs Prisma\'s schema engine without a database');
    },
    async dispose() {},
  };
  return { provider: 'postgres' as const, adapterName: 'pgdrift-offline', connect: async () => connection, connectToShadowDb: async () => connection };
}

/** An engine error: Prisma's error code and its message. */
export class PrismaEngineError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The SQL Prisma generates for a schema (its files as [path, text]), from an empty database. */
export async function prismaSchemaSql(files: [string, string][]): Promise<string> {
  return prismaEngineDiff(await startupOnlyAdapter(), { from: { tag: 'empty' }, to: { tag: 'schemaDatamodel', files: files.map(([path, content]) => ({ path, content })) } }, files);
}

/** What the engine is started with when no schema is: the datasource alone. */
const DATASOURCE_ONLY: [string, string][] = [['schema.prisma', 'datasource db {\n  provider = "postgresql"\n}\n']];

/**
 * The engine's own diff script between two of its targets (`from`, `to`: empty, a schema, a migrations
 * folder), through a driver adapter factory (for a migrations folder, its shadow database is the factory's).
 */
export async function prismaEngineDiff(adapterFactory: object, params: { from: unknown; to: unknown }, datamodels = DATASOURCE_ONLY): Promise<string> {
  const [{ SchemaEngine }, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([loadEngine(), import('@prisma/driver-adapter-utils')]);
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(adapterFactory as Parameters<typeof Bind>[0]));
  } catch (e) {
    throw asEngineError(e);
  }
  try {
    return (await engine.diff({ ...params, script: true, exitCode: null, shadowDatabaseUrl: null, filters: { externalTables: [], externalEnums: [] } })).stdout;
  } catch (e) {
    throw asEngineError(e);
  } finally {
    engine.free();
  }
}

function asEngineError(e: unknown): PrismaEngineError {
  const err = e as { message?: string; code?: string };
  if (e instanceof WebAssembly.RuntimeError && panics.last) {
    const message = `Prisma's schema engine stopped: ${panics.last.split('\n')[0]}`;
    panics.last = undefined;
    // A panicked wasm instance cannot be used again: the next call loads a fresh one.
    engineModule = undefined;
    return new PrismaEngineError(message);
  }
  return new PrismaEngineError(String(err.message ?? e), err.code);
}
