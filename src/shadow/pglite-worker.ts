/**
 * The worker thread that runs a PGlite shadow (see pglite.ts): it opens PGlite with the options it
 * is given, says `ready`, then answers one request at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPglite } from './pglite-engine.js';
import { pgErrorInfo, type ExtensionRequest, type ShadowOptions } from './shadow.js';

export type Request =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'createExtension'; request: ExtensionRequest; sql: string }
  | { id: number; op: 'close' };

export type Reply = { id: number; result?: unknown; error?: ReturnType<typeof pgErrorInfo> };

const port = parentPort!;
try {
  const shadow = await openPglite(workerData as ShadowOptions);
  port.on('message', async (req: Request) => {
    try {
      let result: unknown;
      if (req.op === 'query') result = await shadow.query(req.sql, req.params);
      else if (req.op === 'exec') await shadow.exec(req.sql);
      else if (req.op === 'createExtension') await shadow.createExtension(req.request, req.sql);
      else await shadow.close();
      port.postMessage({ id: req.id, result } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: req.id, error: pgErrorInfo(e) } satisfies Reply);
    }
  });
  port.postMessage({ ready: shadow.engine });
} catch (e) {
  port.postMessage({ failed: pgErrorInfo(e), user: (e as Error).name === 'UserError' });
}
