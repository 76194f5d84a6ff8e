/**
 * `pgdrift apply` on real PostgreSQL 15 and 17: all or nothing (a statement failing half-way, the
 * process killed mid-apply), two applies at once take turns, the history written as each tool writes
 * it (then read back by `pgdrift status`), a statement that cannot run in a transaction run alone,
 * the execution log, and no password anywhere.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, type ServerName, type TestDatabase } from './helpers/servers.js';
import { tempDir, tempFiles } from './helpers/temp.js';

const PRISMA_LOCK = { 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' };
const prisma = (migrations: Record<string, string>) =>
  tempFiles({ ...PRISMA_LOCK, ...Object.fromEntries(Object.entries(migrations).map(([n, sql]) => [`prisma/migrations/${n}/migration.sql`, sql])) });

/** The user tables, their rows, and every history table's rows: what "exactly as before" compares. */
async function state(db: TestDatabase): Promise<unknown> {
  const { rows } = await db.client.query(`select c.relnamespace::regnamespace::text || '.' || c.relname as t,
    (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %s', c.oid::regclass), false, true, '')))[1]::text as n
    from pg_class c where c.relkind = 'r' and c.relnamespace::regnamespace::text not in ('pg_catalog', 'information_schema') order by 1`);
  const columns = await db.client.query(`select table_name || '.' || column_name as c from information_schema.columns where table_schema = 'public' order by 1`);
  return { tables: rows, columns: columns.rows.map((r) => r.c) };
}

const apply = (dir: string, url: string, extra: string[] = []) => pgdrift(['apply', dir, url, ...extra]);

for (const server of ['pg15', 'pg17'] as ServerName[]) {
  describe(`pgdrift apply on ${server}`, () => {
    test('Prisma: pending migrations applied and recorded as Prisma records them; a CONCURRENTLY file runs by itself; status agrees after', async () => {
      const dir = prisma({
        '20240101000000_init': 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
        '20240102000000_idx': 'CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
        '20240103000000_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n',
      });
      const db = await createDatabase(server);
      try {
        const dry = apply(`${dir}/prisma/migrations`, db.url, ['--dry-run']);
        assert.equal(dry.status, 0, dry.stderr);
        assert.match(dry.stdout, /by itself \(CREATE INDEX CONCURRENTLY cannot run inside a transaction block.*20240102000000_idx/);
        assert.deepEqual(await db.client.query("select to_regclass('\"User\"') as t").then((r) => r.rows[0].t), null);
        const r = apply(`${dir}/prisma/migrations`, db.url);
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /applied 3 migrations/);
        assert.match(r.stdout, /verified: the database matches the folder/);
        const rows = (await db.client.query('select migration_name, checksum, finished_at is not null as finished, rolled_back_at, applied_steps_count from _prisma_migrations order by started_at')).rows;
        assert.deepEqual(rows.map((x) => [x.migration_name, x.finished, x.rolled_back_at, x.applied_steps_count]), [
          ['20240101000000_init', true, null, 1], ['20240102000000_idx', true, null, 1], ['20240103000000_name', true, null, 1],
        ]);
        assert.equal((await db.client.query("select indisvalid from pg_index where indexrelid = '\"User_email_idx\"'::regclass")).rows[0].indisvalid, true);
        const status = pgdrift(['status', `${dir}/prisma/migrations`, db.url]);
        assert.equal(status.status, 0, status.stdout);
        // Nothing left to do: a second apply changes nothing.
        assert.match(apply(`${dir}/prisma/migrations`, db.url).stdout, /nothing to apply/);
      } finally {
        await db.drop();
      }
    });

    test('a statement failing half-way leaves the database exactly as before; the failure is at its file and line', async () => {
      // Production's data breaks the last file (duplicate emails), which no shadow copy of the schema can know.
      const db = await createDatabase(server, 'create table "User" ("id" serial primary key, "email" text); insert into "User" (email) values (\'a@x\'), (\'a@x\');');
      try {
        const dir = prisma({
          '20240102000000_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n',
          '20240103000000_unique': 'CREATE TABLE "Audit" ("id" SERIAL PRIMARY KEY);\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
        });
        const before = await state(db);
        const r = apply(`${dir}/prisma/migrations`, db.url);
        assert.equal(r.status, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /preflight: 2 pending migrations ran on a shadow copy/);
        assert.match(r.stdout, /failed: .*20240103000000_unique\/migration\.sql:2:1: could not create unique index "User_email_key"; its transaction was rolled back: the database is as it was/);
        assert.deepEqual(await state(db), before);
      } finally {
        await db.drop();
      }
    });
  });
}

test('a file adding an enum value is committed before the next one uses the value (PostgreSQL refuses it in one transaction)', async () => {
  const dir = prisma({
    '20240101000000_enum': 'CREATE TYPE "Plan" AS ENUM (\'FREE\');\nCREATE TABLE "Account" ("id" SERIAL PRIMARY KEY, "plan" "Plan" NOT NULL DEFAULT \'FREE\');\n',
    '20240102000000_pro': 'ALTER TYPE "Plan" ADD VALUE \'PRO\';\n',
    '20240103000000_use': 'ALTER TABLE "Account" ALTER COLUMN "plan" SET DEFAULT \'PRO\';\n',
  });
  const db = await createDatabase('pg15');
  try {
    const r = apply(`${dir}/prisma/migrations`, db.url);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /in one transaction: .*20240101000000_enum.*20240102000000_pro\/migration\.sql \(committed there: .* adds an enum value/);
    assert.match(r.stdout, /in one transaction: .*20240103000000_use\/migration\.sql\n/);
  } finally {
    await db.drop();
  }
});

test('Supabase: recorded as the CLI records it (version, name, its statements with their comments), and status reads it back', async () => {
  const dir = tempFiles({
    'supabase/migrations/20240101000000_users.sql': '-- the users\ncreate table users (id bigint primary key);\n\ncreate index on users (id);',
    'supabase/migrations/20240102000000_posts.sql': 'create table posts (id bigint primary key, author bigint references users);\n',
  });
  const db = await createDatabase('pg17');
  try {
    const r = apply(`${dir}/supabase/migrations`, db.url, ['--no-supabase']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const rows = (await db.client.query('select version, name, statements from supabase_migrations.schema_migrations order by version')).rows;
    assert.deepEqual(rows, [
      { version: '20240101000000', name: 'users', statements: ['-- the users\ncreate table users (id bigint primary key)', 'create index on users (id)'] },
      { version: '20240102000000', name: 'posts', statements: ['create table posts (id bigint primary key, author bigint references users)'] },
    ]);
    assert.equal(pgdrift(['status', `${dir}/supabase/migrations`, db.url]).status, 0);
  } finally {
    await db.drop();
  }
});

test('killed mid-apply (SIGKILL), the database is exactly as before', async () => {
  const dir = prisma({
    '20240101000000_init': 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY);\n',
    '20240102000000_slow': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\nSELECT pg_sleep(3);\n',
  });
  const db = await createDatabase('pg17');
  try {
    const before = await state(db);
    const child = spawn(process.execPath, ['bin/pgdrift.js', 'apply', `${dir}/prisma/migrations`, db.url, '--no-preflight'], { stdio: 'ignore' });
    const running = async () => (await db.client.query("select count(*)::int as n from pg_stat_activity where query like 'SELECT pg_sleep(3)%' and application_name = 'pgdrift'")).rows[0].n as number;
    for (let i = 0; i < 200 && !(await running()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await running(), 1, 'the slow statement should be running');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The server notices the lost client when the statement ends, and rolls the transaction back.
    for (let i = 0; i < 200 && (await db.client.query("select count(*)::int as n from pg_stat_activity where application_name = 'pgdrift'")).rows[0].n; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await state(db), before);
  } finally {
    await db.drop();
  }
});

test('two applies to one database at once take turns: each migration runs once, and both succeed', async () => {
  const dir = prisma({
    '20240101000000_init': 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY);\nSELECT pg_sleep(1);\n',
    '20240102000000_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n',
  });
  const db = await createDatabase('pg15');
  try {
    const run = () => new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/pgdrift.js', 'apply', `${dir}/prisma/migrations`, db.url, '--no-preflight']);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code, out }));
    });
    const [a, b] = await Promise.all([run(), run()]);
    assert.deepEqual([a.code, b.code], [0, 0], a.out + b.out);
    assert.match(a.out + b.out, /waiting for another pgdrift apply/);
    assert.match(a.out + b.out, /nothing to apply/);
    assert.equal((await db.client.query('select count(*)::int as n from _prisma_migrations')).rows[0].n, 2);
  } finally {
    await db.drop();
  }
});

test('the execution log (markdown and JSON) says what ran, where and how long, and the drift before and after; no password is printed anywhere', async () => {
  const dir = tempFiles({ '001_a.sql': 'create table a (id int);\n', '002_b.sql': 'create table b (id int);\n' });
  const db = await createDatabase('pg17');
  try {
    const url = new URL(db.url);
    assert.ok(url.password, 'the test server has a password');
    const log = join(tempDir(), 'run');
    const r = apply(dir, db.url, ['--log', log]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(existsSync(`${log}.md`) && existsSync(`${log}.json`));
    const json = JSON.parse(readFileSync(`${log}.json`, 'utf8'));
    assert.equal(json.action, 'apply');
    assert.deepEqual(json.databases[0].applied.map((f: { migration: string }) => f.migration), ['001_a.sql', '002_b.sql']);
    assert.deepEqual(json.databases[0].driftBefore.map((c: { object: string }) => c.object), ['public.a', 'public.b']);
    assert.deepEqual(json.databases[0].driftAfter, []);
    assert.match(readFileSync(`${log}.md`, 'utf8'), /^# pgdrift apply, \d{4}-/);
    for (const text of [r.stdout, r.stderr, readFileSync(`${log}.md`, 'utf8'), readFileSync(`${log}.json`, 'utf8')]) assert.ok(!text.includes(`:${url.password}@`), text);
    // pgdrift's own history for a plain folder.
    assert.deepEqual((await db.client.query('select name from pgdrift.schema_migrations order by name')).rows.map((x) => x.name), ['001_a.sql', '002_b.sql']);
  } finally {
    await db.drop();
  }
});

test('a fleet of 20 tenant databases on one server: each all or nothing, two failures stop neither the others nor leave themselves half-changed; --fail-fast stops starting more', async () => {
  const dir = tempFiles({
    '001_accounts.sql': 'create table accounts (id int primary key, email text);\n',
    '002_unique.sql': 'alter table accounts add column plan text;\ncreate unique index accounts_email on accounts (email);\n',
  });
  const tenants: TestDatabase[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      // Tenants 5 and 12 hold data the second migration cannot take (duplicate emails).
      const data = i === 5 || i === 12 ? "create table accounts (id int primary key, email text); insert into accounts values (1, 'a@x'), (2, 'a@x');" : '';
      const history = data ? `create schema pgdrift; create table pgdrift.schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now(), duration_ms integer, applied_by text not null default current_user);
        insert into pgdrift.schema_migrations (name, checksum) values ('001_accounts.sql', '${createHash('sha256').update('create table accounts (id int primary key, email text);\n').digest('hex')}');` : '';
      tenants.push(await createDatabase('pg17', data + history));
    }
    const config = join(tempDir(), 'pgdrift.config.json');
    writeFileSync(config, JSON.stringify({ sources: { tenants: tenants.map((t) => t.url) } }));
    const before = await Promise.all([tenants[5]!, tenants[12]!].map(state));
    const r = apply(dir, 'tenants', ['--config', config, '--parallel', '4', '--no-preflight']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const rows = r.stdout.split('\n').filter((l) => /^postgres:\/\/\S+ +\d+ /.test(l));
    assert.equal(rows.length, 20, r.stdout);
    assert.equal(rows.filter((l) => /\b2 +applied\b/.test(l)).length, 18, r.stdout);
    assert.equal(rows.filter((l) => /failed, rolled back/.test(l)).length, 2, r.stdout);
    assert.deepEqual(await Promise.all([tenants[5]!, tenants[12]!].map(state)), before);
    for (const t of tenants.filter((_, i) => i !== 5 && i !== 12)) assert.equal((await t.client.query('select count(*)::int as n from pgdrift.schema_migrations')).rows[0].n, 2);
    // One at a time with --fail-fast: the first failure (tenant 5) is the last started.
    const again = apply(dir, 'tenants', ['--config', config, '--fail-fast', '--no-preflight']);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /14 databases not started \(--fail-fast\)/);
  } finally {
    await Promise.all(tenants.map((t) => t.drop()));
  }
});

/** a.sql and b.sql in a new folder, and the plan from one to the other written beside them. */
function planFile(a: string, b: string): { dir: string; planPath: string } {
  const dir = tempFiles({ 'a.sql': a, 'b.sql': b });
  const planPath = join(dir, 'plan.sql');
  const planned = pgdrift(['plan', join(dir, 'a.sql'), join(dir, 'b.sql'), '--out', planPath]);
  assert.equal(planned.status, 0, planned.stderr);
  return { dir, planPath };
}

test('a plan file that adds an enum value and then uses it is committed after the value, and applies', async () => {
  const { dir, planPath } = planFile(
    "create type plan as enum ('free'); create table account (id int primary key, plan plan default 'free');\n",
    "create type plan as enum ('free', 'pro'); create table account (id int primary key, plan plan default 'pro');\n",
  );
  const db = await createDatabase('pg15', readFileSync(join(dir, 'a.sql'), 'utf8'));
  try {
    const r = apply(planPath, db.url, ['--to', join(dir, 'b.sql')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /committed there: line \d+ adds an enum value/);
    assert.match(r.stdout, /verified: the database matches .*b\.sql/);
  } finally {
    await db.drop();
  }
});

test('a plan file: tried on a shadow copy, applied all or nothing to each database of a fleet, verified with --to; a failure on one leaves it as it was', async () => {
  const { dir, planPath } = planFile('create table t (id int primary key, email text);\n', 'create table t (id int primary key, email text unique, name text);\ncreate table audit (at timestamptz);\n');
  // The second database holds data the plan's unique constraint cannot take.
  const dbs = [await createDatabase('pg15', readFileSync(join(dir, 'a.sql'), 'utf8')), await createDatabase('pg17', readFileSync(join(dir, 'a.sql'), 'utf8') + "insert into t values (1, 'x'), (2, 'x');")];
  try {
    const config = join(tempDir(), 'pgdrift.config.json');
    writeFileSync(config, JSON.stringify({ sources: { fleet: dbs.map((d) => d.url) } }));
    const before = await state(dbs[1]!);
    const r = apply(planPath, 'fleet', ['--config', config, '--to', join(dir, 'b.sql')]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /in one transaction: .*plan\.sql \(lines \d+–\d+\)/);
    assert.match(r.stdout, /verified: the database matches .*b\.sql/);
    assert.match(r.stdout, /failed: .*plan\.sql:\d+:\d+: could not create unique index/);
    assert.deepEqual(await state(dbs[1]!), before);
    assert.deepEqual(JSON.parse(pgdrift(['diff', dbs[0]!.url, join(dir, 'b.sql'), '--format', 'json']).stdout).changes, []);
  } finally {
    await Promise.all(dbs.map((d) => d.drop()));
  }
});

test('a fleet\'s intentional differences (the config\'s ignore rules for it) hold in the verification after the apply', async () => {
  const dir = tempFiles({ '001_notes.sql': 'create table notes (id int primary key, body text);\n' });
  // Each tenant carries its own column, declared intentional for the fleet.
  const tenants = await Promise.all([0, 1].map(() => createDatabase('pg17', 'create table notes (id int primary key, body text, tenant_tag text);')));
  try {
    const config = join(tempDir(), 'pgdrift.config.json');
    writeFileSync(config, JSON.stringify({
      sources: { tenants: tenants.map((t) => t.url) },
      ignore: [{ object: 'public.notes.tenant_tag', kind: 'column', sources: ['tenants'], reason: 'each tenant tags its notes' }],
    }));
    // A migration that meets the table already there fails, and changes nothing; one written for it applies.
    assert.match(apply(dir, 'tenants', ['--config', config, '--no-preflight']).stdout, /failed: .*relation "notes" already exists/);
    const adopt = tempFiles({ '001_notes.sql': 'create table if not exists notes (id int primary key, body text);\n' });
    const again = apply(adopt, 'tenants', ['--config', config, '--no-preflight']);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.equal((again.stdout.match(/verified: the database matches the folder/g) ?? []).length, 2, again.stdout);
    assert.doesNotMatch(again.stdout, /still differs/);
  } finally {
    await Promise.all(tenants.map((t) => t.drop()));
  }
});
