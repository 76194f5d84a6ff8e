/** `pgdrift diff` and `pgdrift check` as a user runs them. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, type TestDatabase } from './helpers/servers.js';
import { diff } from '../src/diff/diff.js';
import { loadSource } from '../src/sources/load.js';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tempDir } from './helpers/temp.js';

const SOURCE = `create table tasks (id int primary key, title text not null, done boolean default false);
alter table tasks enable row level security;
create policy own on tasks for select using (true);
create table projects (id int primary key, name text);`;
// The database has drifted: a column missing, a legacy table, RLS off.
const DRIFTED = `create table tasks (id int primary key, title text not null);
create table projects (id int primary key, name text);
create table book_chapters (id int primary key);`;

function project(): string {
  const dir = tempDir('pgdrift-proj-');
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'migrations', '001_init.sql'), SOURCE);
  writeFileSync(join(dir, 'drifted.sql'), DRIFTED);
  return dir;
}

describe('pgdrift diff', () => {
  const dir = project();

  test('text: grouped by table, exit 1 on errors', () => {
    const r = pgdrift(['diff', join(dir, 'drifted.sql'), join(dir, 'migrations')]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /3 errors, 1 warning, 0 info/);
    assert.match(r.stdout, /public\.tasks\n {2}✗ error {3}column public\.tasks\.done \(boolean\) is missing/);
    assert.match(r.stdout, /row level security is disabled on public\.tasks/);
    assert.match(r.stdout, /! warning table public\.book_chapters is extra/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no color when not a terminal');
  });

  test('identical sources: exit 0, "no drift"', () => {
    const r = pgdrift(['diff', join(dir, 'migrations'), join(dir, 'migrations', '001_init.sql')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /no drift/);
  });

  test('json: a stable shape with kind, action, object, severity and message', () => {
    const r = pgdrift(['diff', join(dir, 'drifted.sql'), join(dir, 'migrations'), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ['format', 'version', 'from', 'to', 'summary', 'changes', 'intentional', 'notExpressible']);
    assert.deepEqual(report.summary, { error: 3, warning: 1, info: 0, intentional: 0, notExpressible: 0 });
    for (const c of report.changes) for (const k of ['kind', 'action', 'object', 'severity', 'message']) assert.ok(c[k], `${k} in ${JSON.stringify(c)}`);
  });

  test('markdown: a summary table, then each table with why it matters', () => {
    const r = pgdrift(['diff', join(dir, 'drifted.sql'), join(dir, 'migrations'), '--format', 'markdown']);
    assert.match(r.stdout, /^## Schema drift: /);
    assert.match(r.stdout, /\| kind \| missing \| extra \| different \| rename \|/);
    assert.match(r.stdout, /\| column \| 1 \| 0 \| 0 \| 0 \|/);
    assert.match(r.stdout, /### `public\.tasks`\n\n- \*\*error\*\* — /);
    assert.match(r.stdout, /_Code that reads or writes this column fails at run time/);
  });

  test('--fail-on decides the exit code', () => {
    const onlyWarnings = tempDir('pgdrift-w-');
    writeFileSync(join(onlyWarnings, 'a.sql'), 'create table a (id int); create table legacy (id int);');
    writeFileSync(join(onlyWarnings, 'b.sql'), 'create table a (id int);');
    assert.equal(pgdrift(['diff', join(onlyWarnings, 'a.sql'), join(onlyWarnings, 'b.sql')]).status, 0);
    assert.equal(pgdrift(['diff', join(onlyWarnings, 'a.sql'), join(onlyWarnings, 'b.sql'), '--fail-on', 'warning']).status, 1);
  });

  test('with a real-server shadow (--shadow embedded), the exit code still says drift (1), none (0) or bad input (2)', () => {
    const dir = project();
    assert.equal(pgdrift(['diff', join(dir, 'drifted.sql'), join(dir, 'migrations'), '--shadow', 'embedded']).status, 1);
    assert.equal(pgdrift(['diff', join(dir, 'drifted.sql'), join(dir, 'drifted.sql'), '--shadow', 'embedded']).status, 0);
    writeFileSync(join(dir, 'broken.sql'), 'create table x (id int primary key);\nalter table nope add column y int;\n');
    const broken = pgdrift(['inspect', join(dir, 'broken.sql'), '--shadow', 'embedded']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^pgdrift: .*broken\.sql:2:13: relation "nope" does not exist/);
    assert.doesNotMatch(broken.stderr, /\n\s+at /, 'no stack trace');
  });
});

describe('pgdrift check', () => {
  test('an unreachable tenant is listed as not compared, the reachable ones are still reported, and the exit is 2', () => {
    const dir = tempDir('pgdrift-check-');
    writeFileSync(join(dir, 'truth.sql'), 'create table t (id int);');
    writeFileSync(join(dir, 'a.sql'), 'create table t (id int, extra text);');
    const config = join(dir, 'pgdrift.config.yaml');
    writeFileSync(config, `sources:\n  truth: ${join(dir, 'truth.sql')}\n  tenants:\n    - ${join(dir, 'a.sql')}\n    - postgres://app:hunter2@127.0.0.1:1/tenant_b\ncheck:\n  - from: tenants\n    to: truth\n`);
    const r = pgdrift(['check', '--config', config]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /column public\.t\.extra \(text\) is extra/);
    assert.match(r.stdout, /^n\/a  tenants \(postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/tenant_b\): not compared: cannot connect/m);
    assert.match(r.stdout, /1 of 2 could not be compared\n$/);
    const json = JSON.parse(pgdrift(['check', '--config', config, '--format', 'json']).stdout);
    assert.equal(json.ok, false);
    assert.equal(json.comparisons.length, 1);
    assert.deepEqual(json.unreachable.map((u: { source: string }) => u.source), ['tenants (postgres://app:***@127.0.0.1:1/tenant_b)']);
  });

  test('the README demo: the example project finds its drift and exits 1', () => {
    const r = spawnSync(process.execPath, ['../../bin/pgdrift.js', 'check'], { cwd: 'examples/supabase-app', encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /4 errors, 1 warning, 0 info; 1 intentional/);
    for (const line of [
      'row level security is disabled on public.documents',
      'index documents_embedding_idx on public.documents is missing',
      'column public.memberships.member_role is probably role renamed (confidence 0.85)',
      'column public.profiles.avatar_url (text) is missing',
      'function public.handle_new_user() has a different body',
      '~ table public.audit_log_2023 is extra (4 columns) — archive of 2023',
    ]) assert.ok(r.stdout.includes(line), line);
  });

  test('runs the configured comparisons, tenants one by one, with intentional differences apart', () => {
    const dir = project();
    writeFileSync(join(dir, 'tenant_a.sql'), `${SOURCE}\nalter table tasks add column organization_id uuid;\nalter table projects add column organization_id uuid;`);
    writeFileSync(join(dir, 'tenant_b.sql'), SOURCE);
    writeFileSync(
      join(dir, 'pgdrift.config.yaml'),
      `sources:
  migrations: ${join(dir, 'migrations')}
  tenants:
    - ${join(dir, 'tenant_a.sql')}
    - ${join(dir, 'tenant_b.sql')}
check:
  - from: tenants
    to: migrations
ignore:
  - object: "*.*.organization_id"
    kind: column
    action: extra
    sources: [tenants]
    reason: every tenant table carries the tenant column
`,
    );
    const r = pgdrift(['check', '--config', join(dir, 'pgdrift.config.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /intentional \(declared in the config\)\n {2}~ column public\.projects\.organization_id \(uuid\) is extra — every tenant table carries the tenant column\n {2}~ column public\.tasks\.organization_id/);
    assert.match(r.stdout, /all 2 comparisons agree/);

    writeFileSync(join(dir, 'tenant_b.sql'), DRIFTED);
    const failing = pgdrift(['check', '--config', join(dir, 'pgdrift.config.yaml'), '--format', 'json']);
    assert.equal(failing.status, 1);
    const result = JSON.parse(failing.stdout);
    assert.equal(result.ok, false);
    assert.deepEqual(result.comparisons.map((c: { failed: boolean }) => c.failed), [false, true]);
    assert.equal(result.comparisons[0].intentional.length, 2);
  });

  test('no checks declared is bad input', () => {
    const dir = tempDir('pgdrift-nocheck-');
    writeFileSync(join(dir, 'pgdrift.config.json'), '{"sources": {}}');
    const r = pgdrift(['check', '--config', join(dir, 'pgdrift.config.json')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /declare the comparisons to run in a "check" list/);
  });
});

describe('engine independence', () => {
  const dbs: TestDatabase[] = [];
  before(async () => {
    for (const server of ['pg15', 'pg17'] as const) dbs.push(await createDatabase(server, readFileSync('test/fixtures/every-kind.sql', 'utf8')));
  });
  after(async () => {
    for (const db of dbs) await db.drop();
  });

  test('the same schema on PGlite, PG 15 and PG 17 diffs empty', async () => {
    const viaPglite = (await loadSource({ kind: 'sql', path: 'test/fixtures/every-kind.sql' })).schema;
    for (const db of dbs) {
      const live = (await loadSource({ kind: 'live', url: db.url })).schema;
      assert.deepEqual(diff(live, viaPglite), []);
      assert.deepEqual(diff(viaPglite, live), []);
    }
  });

  test('pgdrift diff between a live database and a migrations file', () => {
    const r = pgdrift(['diff', dbs[0]!.url, 'test/fixtures/every-kind.sql']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/t_\w+ → test\/fixtures\/every-kind\.sql/);
  });
});
