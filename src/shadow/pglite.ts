/**
 * The embedded shadow: PGlite (pglite-engine.ts) in a worker thread. The thread is what bounds a
 * replay: PGlite cannot interrupt a statement it runs (WebAssembly has no signals), but a thread can
 * be stopped. A statement that runs longer than the statement timeout stops the thread and fails with
 * Postgres' own statement-timeout error, as on a server; the shadow is gone after it.
 */
import type { Worker } from 'node:worker_threads';
import { trace } from '../trace.js';
import { STATEMENT_TIMEOUT } from '../sources/timeouts.js';
import { compilesForShortWork, pgliteBundles, pgliteHasExtension } from './pglite-engine.js';
import { asError, compiledPglite, startThread, takeThread, type PgliteThread } from './pglite-thread.js';
import type { Opening, Reply, Request } from './pglite-worker.js';
import { createRolesSql, pgErrorInfo, type ExtensionRequest, type PgErrorInfo, type Shadow, type ShadowImage, type ShadowOptions } from './shadow.js';
import { VECTOR_ACCESS_METHODS } from './standins/index.js';

type Body = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

class ThreadShadow implements Shadow {
  readonly standinAccessMethods = new Set(VECTOR_ACCESS_METHODS);
  /** A new PGlite has one role, its bootstrap superuser. */
  readonly preexistingRoles = new Set(['postgres']);
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; started: (index: number) => void }>();
  /** Why the thread is gone, once it is. */
  private gone: Error | undefined;

  constructor(
    private readonly worker: Worker,
    readonly engine: string,
    readonly supabase: boolean,
    private readonly timeoutMs: number | undefined,
    private readonly bundles: ReadonlySet<string>,
  ) {
    worker.on('message', (reply: Reply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      if (reply.started !== undefined) return call.started(reply.started);
      this.pending.delete(reply.id);
      if (!this.pending.size) worker.unref();
      if (reply.error) call.reject(asError(reply.error));
      else call.resolve(reply.result);
    });
    worker.on('error', (e) => this.end(new Error(`the PGlite thread failed: ${e.message}`)));
    worker.on('exit', () => this.end(new Error('the PGlite shadow is closed')));
    worker.unref();
  }

  /** The thread is gone: every call waiting on it fails with `why`. */
  private end(why: Error): void {
    this.gone ??= why;
    for (const call of this.pending.values()) call.reject(why);
    this.pending.clear();
  }

  private call(body: Body, onStarted?: (index: number) => void): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.next++;
    this.worker.ref();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      // The bound counts from the start of the call, and again from each statement of a batch.
      const startClock = () => {
        clearTimeout(timer);
        if (this.timeoutMs === undefined) return;
        timer = setTimeout(() => {
          this.end(asError({ message: 'canceling statement due to statement timeout', code: STATEMENT_TIMEOUT }));
          void this.worker.terminate();
        }, this.timeoutMs);
      };
      const done = <T>(f: (v: T) => void) => (v: T) => {
        clearTimeout(timer);
        f(v);
      };
      const started = (index: number) => {
        onStarted?.(index);
        startClock();
      };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject), started });
      startClock();
      this.worker.postMessage({ ...body, id });
    });
  }

  async query(sql: string, params?: unknown[]) {
    return (await this.call({ op: 'query', sql, params })) as { rows: Record<string, unknown>[] };
  }
  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }
  /** A batch; a statement past the timeout ends it as that statement's failure. */
  async execEach(sqls: string[]): Promise<{ index: number; error: PgErrorInfo } | undefined> {
    let running = 0;
    try {
      return (await this.call({ op: 'execEach', sqls }, (index) => (running = index))) as { index: number; error: PgErrorInfo } | undefined;
    } catch (e) {
      const error = pgErrorInfo(e);
      if (error.code === STATEMENT_TIMEOUT) return { index: running, error };
      throw e;
    }
  }
  hasExtension(name: string): boolean {
    return pgliteHasExtension(this.bundles, name);
  }
  async createExtension(request: ExtensionRequest, sql: string): Promise<void> {
    await this.call({ op: 'createExtension', request, sql });
  }
  async dump(): Promise<ShadowImage | undefined> {
    return (await this.call({ op: 'dump' })) as ShadowImage | undefined;
  }
  /**
   * The thread is stopped, PGlite with it: its database is in the thread's memory alone, so a clean
   * shutdown (a checkpoint written into that memory, about 20 ms) would be done for nothing.
   */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Open PGlite in the thread with `options`, on the shared module when one is given. */
async function open(worker: Worker, options: ShadowOptions, module?: Promise<WebAssembly.Module | undefined>): Promise<void> {
  const shared = module && compilesForShortWork(options.statements) ? await module : undefined;
  const opening: Opening = { options, ...(shared ? { compiled: shared } : {}) };
  // A saved state (tens of MB) is moved to the thread, not copied.
  worker.postMessage(opening, options.image ? [options.image.dataDir.buffer as ArrayBuffer] : []);
}

/** A PGlite thread opened ahead of need (prewarmPglite), with the options it was opened with. */
let spare: (PgliteThread & { options: ShadowOptions }) | undefined;

/**
 * Open a PGlite shadow now, on a guess of the options it will be asked for: a command that needs one
 * only after reading live databases (a plan's verification of a live <from>) finds it open. The next
 * createPgliteShadow takes it if the guess holds (the same base, every bundle it needs, no saved state);
 * otherwise it is closed and a new one opened. An untaken one ends with the process.
 */
export function prewarmPglite(guess: Pick<ShadowOptions, 'supabase' | 'extensions'>): void {
  if (spare) return;
  const options: ShadowOptions = { ...guess, roles: [], statements: 0 };
  spare = { ...startThread(), options };
  // Opened as the process starts, while this thread loads the command: the module this thread would
  // compile could be handed over only once the loading is done, so the new thread compiles its own.
  void open(spare.worker, options);
  spare.worker.unref();
}

/** Close the thread prewarmPglite opened, when nothing took it. */
export async function discardSparePglite(): Promise<void> {
  const taken = spare;
  spare = undefined;
  await taken?.worker.terminate();
}

function takesSpare(guess: ShadowOptions, wanted: ShadowOptions): boolean {
  const has = pgliteBundles(guess);
  return !wanted.image && guess.supabase === wanted.supabase && [...pgliteBundles(wanted)].every((b) => has.has(b)) && compilesForShortWork(guess.statements) === compilesForShortWork(wanted.statements);
}

/**
 * A PGlite shadow in a new thread (or the one prewarmPglite opened, when it fits, or one started
 * early: startThreadEarly). The thread starts (and loads PGlite) at once; the options may still be on
 * their way (the replay cache reading a saved state): it opens PGlite when they come.
 */
export async function createPgliteShadow(options: ShadowOptions | Promise<ShadowOptions>): Promise<Shadow> {
  const taken = spare;
  spare = undefined;
  if (taken) {
    const wanted = await options;
    const fits = takesSpare(taken.options, wanted);
    trace(fits ? 'PGlite: the shadow opened ahead fits' : 'PGlite: the shadow opened ahead does not fit: a new one');
    if (fits) return adopt(taken, taken.options, wanted);
    await taken.worker.terminate();
    return createPgliteShadow(wanted);
  }
  const thread = takeThread();
  const module = compiledPglite();
  try {
    const opened = await options;
    await open(thread.worker, opened, module);
    return await adopt(thread, opened, opened);
  } catch (e) {
    await thread.worker.terminate();
    throw e;
  }
}

/** The shadow of a thread opened with `opened`, once ready, given what `wanted` asks beyond it (roles, a timeout). */
async function adopt({ worker, ready }: PgliteThread, opened: ShadowOptions, wanted: ShadowOptions): Promise<Shadow> {
  worker.ref();
  try {
    const engine = await ready;
    const timeout = wanted.statementTimeout === undefined ? undefined : wanted.statementTimeout * 1000;
    const shadow = new ThreadShadow(worker, engine, wanted.supabase, timeout, pgliteBundles(opened));
    const roles = (wanted.roles ?? []).filter((r) => !opened.roles?.includes(r));
    if (roles.length) await shadow.exec(createRolesSql(roles));
    return shadow;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
}
