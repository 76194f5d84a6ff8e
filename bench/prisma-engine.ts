/**
 * Prisma's own schema engine on a Prisma migrations folder, for the cache section: what `prisma migrate
 * diff --from-empty --to-migrations` does (apply every migration to a shadow database, then describe
 * it), with the engine pgdrift ships (@prisma/schema-engine-wasm) and Prisma's own PostgreSQL driver
 * adapter (@prisma/adapter-pg) on a bench server. Prisma's native engine is a download, which this
 * machine does not make.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { RunningServer } from '../src/shadow/embedded.js';
import { findMigrations } from '../src/sources/migrations.js';
import { PRISMA_ENGINE_VERSION, prismaEngineDiff } from '../src/sources/prisma-engine.js';
import { freshDatabase } from './db.js';
import { fmt, pgdrift } from './process.js';

const ADAPTER_VERSION: string = JSON.parse(readFileSync(join(createRequire(import.meta.url).resolve('@prisma/adapter-pg'), '..', '..', 'package.json'), 'utf8')).version;

/** The folder as the engine takes it: every migration's directory and script, in Prisma's order (as pgdrift reads it), and the lockfile. */
function migrationList(dir: string) {
  const lock = join(dir, 'migration_lock.toml');
  const migrationDirectories = findMigrations(dir).files.map((f) => ({ path: f.name, migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: readFileSync(f.path, 'utf8') } } }));
  return { baseDir: resolve(dir), lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? readFileSync(lock, 'utf8') : null }, shadowDbInitScript: '', migrationDirectories };
}

/**
 * adapter-pg's executeScript splits a script at every `;`, which breaks a function body; Prisma's native
 * engine sends a migration whole. So does this adapter: the rest is adapter-pg's own.
 */
function wholeScripts(factory: PrismaPg) {
  type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
  const whole = (a: Adapter): Adapter =>
    Object.assign(a, { executeScript: async (script: string) => void (await (a.underlyingDriver() as { query(sql: string): Promise<unknown> }).query(script)) });
  return { provider: factory.provider, adapterName: factory.adapterName, connect: async () => whole(await factory.connect()), connectToShadowDb: async () => whole(await factory.connectToShadowDb()) };
}

/** The engine's diff of the folder from empty on `server`: how long it ran, and how it ended. */
async function runEngine(server: RunningServer, dir: string): Promise<{ ms: number; error?: string }> {
  const url = await freshDatabase(server, 'pgdrift_bench_prisma');
  const started = performance.now();
  // The engine reports some failures by throwing from a callback of its own, outside the diff's promise.
  let onUncaught: (e: Error) => void = () => {};
  const thrown = new Promise<never>((_, reject) => (onUncaught = reject));
  process.on('uncaughtException', onUncaught);
  try {
    await Promise.race([prismaEngineDiff(wholeScripts(new PrismaPg({ connectionString: url })), { from: { tag: 'empty' }, to: { tag: 'migrations', ...migrationList(dir) } }), thrown]);
    return { ms: performance.now() - started };
  } catch (e) {
    return { ms: performance.now() - started, error: String((e as Error).message).split('\n')[0] };
  } finally {
    process.off('uncaughtException', onUncaught);
  }
}

/** A paragraph for the cache section: the engine's time on the folder, beside pgdrift's cold replay on the same server. */
export async function prismaEngineParagraph(server: RunningServer, name: string, dir: string): Promise<string> {
  const run = await runEngine(server, dir);
  const ours = pgdrift(['inspect', dir, '--summary', '--no-cache', '--shadow', server.url]);
  if (ours.status !== 0) throw new Error(`pgdrift inspect ${dir} --shadow: ${ours.stderr}`);
  const what = `Prisma's own schema engine on ${name} (\`@prisma/schema-engine-wasm\` ${PRISMA_ENGINE_VERSION} with \`@prisma/adapter-pg\` ${ADAPTER_VERSION}, on PostgreSQL ${server.version}; its native engine is a download, not made here)`;
  const outcome = run.error ? `ran for ${fmt(run.ms)} and stopped: "${run.error}"` : `took ${fmt(run.ms)}`;
  return `${what} ${outcome}. pgdrift's cold replay of the folder on that server (\`--shadow <url> --no-cache\`, a new process, inspection included) took ${fmt(ours.ms)}.\n`;
}
