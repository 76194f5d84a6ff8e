/**
 * The worker thread that runs a PGlite shadow (see pglite.ts): it loads PGlite, opens it with the
 * options its first message brings, says `ready`, then answers one request at a time. In a batch (`execEach`) it says which
 * statement it starts, so that the statement timeout counts from each one.
 */
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { compilesForShortWork, openPglite } from './pglite-engine.js';
import { pgErrorInfo, type ExtensionRequest, type PgErrorInfo, type Shadow, type ShadowImage, type ShadowOptions } from './shadow.js';

export type Request =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'execEach'; sqls: string[] }
  | { id: number; op: 'createExtension'; request: ExtensionRequest; sql: string }
  | { id: number; op: 'dump' };

/** The thread's first message: the options to open PGlite with, and its module when the calling thread compiled it. */
export interface Opening {
  options: ShadowOptions;
  compiled?: WebAssembly.Module;
}

export type Reply = { id: number; result?: unknown; error?: ReturnType<typeof pgErrorInfo>; started?: number };

const port = parentPort!;

async function execEach(shadow: Shadow, id: number, sqls: string[]): Promise<{ index: number; error: PgErrorInfo } | undefined> {
  for (const [index, sql] of sqls.entries()) {
    port.postMessage({ id, started: index } satisfies Reply);
    try {
      await shadow.exec(sql);
    } catch (e) {
      return { index, error: pgErrorInfo(e) };
    }
  }
  return undefined;
}

try {
  // PGlite loads while the options are on their way.
  const [[{ options, compiled }]] = await Promise.all([once(port, 'message') as Promise<[Opening]>, import('@electric-sql/pglite')]);
  setFlagsFromString(compilesForShortWork(options.statements) ? '--liftoff-only' : '--no-liftoff-only');
  const shadow = await openPglite(options, compiled);
  port.on('message', async (req: Request) => {
    try {
      let result: unknown;
      if (req.op === 'query') result = await shadow.query(req.sql, req.params);
      else if (req.op === 'exec') await shadow.exec(req.sql);
      else if (req.op === 'execEach') result = await execEach(shadow, req.id, req.sqls);
      else if (req.op === 'createExtension') await shadow.createExtension(req.request, req.sql);
      else result = await shadow.dump!();
      // A dump's data directory is moved to the calling thread, not copied.
      const dataDir = req.op === 'dump' ? (result as ShadowImage | undefined)?.dataDir : undefined;
      port.postMessage({ id: req.id, result } satisfies Reply, dataDir ? [dataDir.buffer as ArrayBuffer] : []);
    } catch (e) {
      port.postMessage({ id: req.id, error: pgErrorInfo(e) } satisfies Reply);
    }
  });
  port.postMessage({ ready: shadow.engine });
} catch (e) {
  port.postMessage({ failed: pgErrorInfo(e), user: (e as Error).name === 'UserError' });
}
