/**
 * `PGDRIFT_TRACE=1`: each phase of loading a source (reading, the replay cache, the shadow, replay,
 * inspection) is written to stderr with the milliseconds since the process started: where the time goes.
 */
import { isMainThread } from 'node:worker_threads';

const on = Boolean(process.env.PGDRIFT_TRACE);
// A worker thread's clock starts with the thread: it counts from the process's start, which the main thread passes on.
const start = on ? Number((process.env.PGDRIFT_TRACE_START ||= String(performance.timeOrigin))) : 0;

export function trace(what: string): void {
  if (on) process.stderr.write(`pgdrift: trace: ${Math.round(performance.timeOrigin + performance.now() - start)} ms: ${what}${isMainThread ? '' : ' (shadow thread)'}\n`);
}
