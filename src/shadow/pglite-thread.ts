/**
 * The thread a PGlite shadow runs in, and PGlite's module compiled for it. Both can start before the
 * code that drives them is loaded: a source that missed the replay cache asks for them at once (see
 * sources/load.ts), so the thread boots while this one loads the rest of the command.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { PGLITE_DIST } from './pglite-package.js';
import type { PgErrorInfo } from './shadow.js';

/** A started thread, and its first message: `ready` with the engine's name once PGlite is open, or why it failed. */
export interface PgliteThread {
  worker: Worker;
  ready: Promise<string>;
}

export function asError(info: PgErrorInfo): Error {
  return Object.assign(new Error(info.message), info);
}

/** From the sources (tests, tsx), the thread needs tsx's loader too; from dist/ it runs the .js. */
function startWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './pglite-worker.ts' : './pglite-worker.js', import.meta.url);
  if (!fromSources) return new Worker(entry);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

export function startThread(): PgliteThread {
  const worker = startWorker();
  const ready = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { ready?: string; failed?: PgErrorInfo; user?: boolean }) => {
      if (m.ready) return resolve(m.ready);
      reject(m.user ? new UserError(m.failed!.message) : asError(m.failed!));
    });
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the PGlite thread ended before it was ready')));
  });
  // Awaited later; a thread that fails before then must not be an unhandled rejection meanwhile.
  ready.catch(() => undefined);
  return { worker, ready };
}

/**
 * PGlite's module, compiled once here (in the background, while the threads that run it start) and
 * shared with every PGlite thread of the process: a WebAssembly module passes to a thread without a copy,
 * and what is compiled of it for one thread serves the others. A shadow for long work gets none: its
 * thread compiles its own once it has turned the optimizing compiler on (see compilesForShortWork).
 */
let compiled: Promise<WebAssembly.Module | undefined> | undefined;
export const compiledPglite = () => (compiled ??= readFile(join(PGLITE_DIST, 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes)).catch(() => undefined));

const early: PgliteThread[] = [];

/** At most this many started threads wait (a plan's two sources): a load that fails before it asks for its shadow leaves its thread waiting. */
const EARLY_MAX = 2;

/**
 * Start a thread, and the compile, for a PGlite shadow that is about to be asked for: the next
 * takeThread gets it. One that nothing takes does not keep the process alive.
 */
export function startThreadEarly(): void {
  if (early.length >= EARLY_MAX) return;
  const thread = startThread();
  thread.worker.unref();
  early.push(thread);
  void compiledPglite();
}

/** A thread startThreadEarly started, else a new one. */
export const takeThread = (): PgliteThread => early.shift() ?? startThread();
