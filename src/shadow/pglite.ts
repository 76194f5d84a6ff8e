/**
 * The embedded shadow: PGlite (pglite-engine.ts) in a worker thread. The thread is what bounds a
 * replay: PGlite cannot interrupt a statement it runs (WebAssembly has no signals), but a thread can
 * be stopped. A statement that runs longer than the statement timeout stops the thread and fails with
 * Postgres' own statement-timeout error, as on a server; the shadow is gone after it.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { STATEMENT_TIMEOUT } from '../sources/timeouts.js';
import { PGLITE_VERSION, pgliteHasExtension } from './pglite-engine.js';
import type { Reply, Request } from './pglite-worker.js';
import { pgErrorInfo, type ExtensionRequest, type PgErrorInfo, type Shadow, type ShadowImage, type ShadowOptions } from './shadow.js';
import { VECTOR_ACCESS_METHODS } from './standins/index.js';

export { PGLITE_VERSION };

type Body = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** From the sources (tests, tsx), the thread needs tsx's loader too; from dist/ it runs the .js. */
function startWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './pglite-worker.ts' : './pglite-worker.js', import.meta.url);
  if (!fromSources) return new Worker(entry);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

function asError(info: PgErrorInfo): Error {
  return Object.assign(new Error(info.message), info);
}

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
        if (this.timeoutMs === undefined || body.op === 'close') return;
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
    return pgliteHasExtension(name);
  }
  async createExtension(request: ExtensionRequest, sql: string): Promise<void> {
    await this.call({ op: 'createExtension', request, sql });
  }
  async dump(): Promise<ShadowImage | undefined> {
    return (await this.call({ op: 'dump' })) as ShadowImage | undefined;
  }
  async close(): Promise<void> {
    if (!this.gone) await this.call({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}

/**
 * A PGlite shadow in a new thread. The thread starts (and loads PGlite) at once; the options may still
 * be on their way (the replay cache reading a saved state): it opens PGlite when they come.
 */
export async function createPgliteShadow(options: ShadowOptions | Promise<ShadowOptions>): Promise<Shadow> {
  const worker = startWorker();
  const ready = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { ready?: string; failed?: PgErrorInfo; user?: boolean }) => {
      if (m.ready) return resolve(m.ready);
      reject(m.user ? new UserError(m.failed!.message) : asError(m.failed!));
    });
    worker.once('error', reject);
  });
  // Awaited below; a thread that fails before then must not be an unhandled rejection meanwhile.
  ready.catch(() => undefined);
  let opened: ShadowOptions;
  try {
    opened = await options;
    // A saved state (tens of MB) is moved to the thread, not copied.
    worker.postMessage(opened, opened.image ? [opened.image.tar.buffer as ArrayBuffer] : []);
    const engine = await ready;
    const timeout = opened.statementTimeout === undefined ? undefined : opened.statementTimeout * 1000;
    return new ThreadShadow(worker, engine, opened.supabase, timeout);
  } catch (e) {
    await worker.terminate();
    throw e;
  }
}
