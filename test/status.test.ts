/**
 * `pgdrift status`: a folder against the history its own tool keeps, on real PostgreSQL 15 and 17.
 * Each history is written as its tool writes it: the Supabase CLI's table and its split statements,
 * Prisma Migrate's `_prisma_migrations` (a row per attempt, SHA-256 checksums), pgdrift's own table.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, type ServerName } from './helpers/servers.js';
import { tempFiles } from './helpers/temp.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The Supabase CLI's DDL for its history (pkg/migration/history.go), then one row per applied file. */
const SUPABASE_HISTORY = `create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;`;

/** Prisma Migrate's DDL for its history. */
const PRISMA_HISTORY = (schema: string) => `create table ${schema}."_prisma_migrations" (
  "id" varchar(36) primary key not null, "checksum" varchar(64) not null, "finished_at" timestamptz,
  "migration_name" varchar(255) not null, "logs" text, "rolled_back_at" timestamptz,
  "started_at" timestamptz not null default now(), "applied_steps_count" integer not null default 0);`;

interface Entry { object: string; state: string; message: string; appliedAt?: string }
interface Report { history: { tool: string; found: boolean; table: string }; summary: Record<string, number>; entries: Entry[] }

function status(folder: string, url: string): { status: number; report: Report; stderr: string } {
  const r = pgdrift(['status', folder, url, '--format', 'json']);
  return { status: r.status, stderr: r.stderr, report: r.stdout ? (JSON.parse(r.stdout) as Report) : (undefined as never) };
}
const states = (r: Report) => Object.fromEntries(r.entries.map((e) => [e.object, e.state]));

for (const server of ['pg15', 'pg17'] as ServerName[]) {
  describe(`pgdrift status on ${server}`, () => {
    test('Supabase: applied, edited (by meaning: spacing and comments are no edit), out of order, pending, missing', async () => {
      const dir = tempFiles({
        'supabase/migrations/20240101000000_users.sql': 'create table users (id bigint primary key);\n',
        // Applied with other spacing, another comment and no final semicolon: the same SQL.
        'supabase/migrations/20240102000000_posts.sql': '-- posts\ncreate table posts (\n  id bigint primary key,\n  author bigint references users\n);\ncreate index on posts (author);\n',
        'supabase/migrations/20240103000000_late.sql': 'create table late (id int);\n',
        'supabase/migrations/20240104000000_tags.sql': 'create table tags (id bigint, label text);\n',
        'supabase/migrations/20240105000000_new.sql': 'create table fresh (id int);\n',
      });
      const db = await createDatabase(server, `${SUPABASE_HISTORY}
        insert into supabase_migrations.schema_migrations (version, name, statements) values
          ('20231201000000', 'removed', array['create table removed (id int)']),
          ('20240101000000', 'users', array['create table users (id bigint primary key)']),
          ('20240102000000', 'posts', array['-- the posts table
create table posts (id bigint primary key, author bigint references users)', 'create index on posts (author)']),
          ('20240104000000', 'tags', array['create table tags (id bigint)']);`);
      try {
        const { status: code, report } = status(`${dir}/supabase/migrations`, db.url);
        assert.equal(code, 1);
        assert.deepEqual(report.history, { tool: 'supabase', table: 'supabase_migrations.schema_migrations', found: true });
        assert.deepEqual(states(report), {
          '20240101000000': 'applied',
          '20240102000000': 'applied',
          '20240103000000': 'out of order',
          '20240104000000': 'edited',
          '20240105000000': 'pending',
          '20231201000000': 'missing',
        });
        assert.match(report.entries.find((e) => e.state === 'out of order')!.message, /older than 20240104000000.*--include-all/);
        // The database was only read.
        const rows = await db.client.query('select count(*)::int as n from supabase_migrations.schema_migrations');
        assert.equal(rows.rows[0].n, 4);
      } finally {
        await db.drop();
      }
    });

    test('Prisma: checksums (either line ending), a failed attempt, a rolled-back one run again, one only rolled back; the table in the URL\'s schema', async () => {
      const files = {
        '20240101000000_init': 'CREATE TABLE "User" ("id" SERIAL NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
        '20240102000000_crlf': 'CREATE TABLE "Post" (\n  "id" SERIAL NOT NULL\n);\n',
        '20240103000000_retried': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n',
        '20240104000000_changed': 'ALTER TABLE "User" ADD COLUMN "email" TEXT;\n',
        '20240105000000_broken': 'ALTER TABLE "Nope" ADD COLUMN "x" INT;\n',
        '20240106000000_undone': 'ALTER TABLE "User" ADD COLUMN "age" INT;\n',
        '20240107000000_pending': 'ALTER TABLE "User" ADD COLUMN "bio" TEXT;\n',
      };
      const dir = tempFiles(Object.fromEntries([...Object.entries(files).map(([n, sql]) => [`prisma/migrations/${n}/migration.sql`, sql]), ['prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n']]));
      const row = (name: string, checksum: string, at: string, finished: boolean, extra = "null, null") =>
        `(gen_random_uuid(), '${checksum}', ${finished ? `timestamptz '${at}'` : 'null'}, '${name}', ${extra}, timestamptz '${at}', ${finished ? 1 : 0})`;
      const db = await createDatabase(server, `create schema app; ${PRISMA_HISTORY('app')}
        insert into app._prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) values
          ${[
            row('20240101000000_init', sha256(files['20240101000000_init']), '2024-01-01 10:00:00+00', true),
            // Applied from a Windows checkout: the checksum of the CRLF file.
            row('20240102000000_crlf', sha256(files['20240102000000_crlf'].replace(/\n/g, '\r\n')), '2024-01-02 10:00:00+00', true),
            row('20240103000000_retried', sha256('ALTER TABLE "User" ADD COLUMN "nam" TEXT;\n'), '2024-01-03 10:00:00+00', false, "'column typo', timestamptz '2024-01-03 11:00:00+00'"),
            row('20240103000000_retried', sha256(files['20240103000000_retried']), '2024-01-03 12:00:00+00', true),
            row('20240104000000_changed', sha256('ALTER TABLE "User" ADD COLUMN "mail" TEXT;\n'), '2024-01-04 10:00:00+00', true),
            row('20240105000000_broken', sha256(files['20240105000000_broken']), '2024-01-05 10:00:00+00', false, `'ERROR: relation "Nope" does not exist', null`),
            row('20240106000000_undone', sha256(files['20240106000000_undone']), '2024-01-06 10:00:00+00', false, "'failed', timestamptz '2024-01-06 11:00:00+00'"),
          ].join(',\n')};`);
      try {
        const { status: code, report } = status(`${dir}/prisma/migrations`, `${db.url}?schema=app`);
        assert.equal(code, 1);
        assert.equal(report.history.table, 'app._prisma_migrations');
        assert.deepEqual(states(report), {
          '20240101000000_init': 'applied',
          '20240102000000_crlf': 'applied',
          '20240103000000_retried': 'applied',
          '20240104000000_changed': 'edited',
          '20240105000000_broken': 'failed',
          '20240106000000_undone': 'rolled back',
          '20240107000000_pending': 'pending',
        });
        assert.equal(report.entries[0]!.appliedAt, '2024-01-01T10:00:00.000Z');
        assert.match(report.entries.find((e) => e.state === 'failed')!.message, /relation "Nope" does not exist.*migrate resolve/);
        // Without the schema parameter Prisma looks in public, where there is no history.
        const bare = status(`${dir}/prisma/migrations`, db.url);
        assert.equal(bare.report.history.found, false);
        assert.ok(bare.report.entries.every((e) => e.state === 'pending'));
      } finally {
        await db.drop();
      }
    });
  });
}

test('a plain folder reads pgdrift\'s own history; all applied exits 0, with a table per state in text and Markdown', async () => {
  const files = { '001_a.sql': 'create table a (id int);\n', '002_b.sql': 'create table b (id int);\n' };
  const dir = tempFiles(files);
  const db = await createDatabase('pg17', `create schema pgdrift;
    create table pgdrift.schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now());
    insert into pgdrift.schema_migrations (name, checksum) values ('001_a.sql', '${sha256(files['001_a.sql'])}'), ('002_b.sql', '${sha256(files['002_b.sql'])}');`);
  try {
    const json = status(dir, db.url);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(json.report.summary, { applied: 2 });
    const text = pgdrift(['status', dir, db.url]);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /2 applied\n/);
    assert.match(text.stdout, /^001_a\.sql +applied +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m);
    assert.doesNotMatch(text.stdout, /pgdrift:/);
    const md = pgdrift(['status', dir, db.url, '--format', 'markdown']);
    assert.match(md.stdout, /\| migration \| state \| applied at \| note \|\n\| --- \| --- \| --- \| --- \|\n\| 001_a\.sql \| applied \|/);
  } finally {
    await db.drop();
  }
});

test('bad input is one line: a database that is a folder, an unreachable database; passwords masked', () => {
  const dir = tempFiles({ 'supabase/migrations/20240101000000_a.sql': 'select 1;\n' });
  const notDb = pgdrift(['status', `${dir}/supabase/migrations`, dir]);
  assert.equal(notDb.status, 2);
  assert.match(notDb.stderr, /^pgdrift: .* is not a database \(postgres:\/\/…\)\n$/);
  const down = pgdrift(['status', `${dir}/supabase/migrations`, 'postgres://me:s3cret@127.0.0.1:1/db']);
  assert.equal(down.status, 2);
  assert.equal(down.stderr.trim().split('\n').length, 1);
  assert.match(down.stderr, /cannot connect to postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/db/);
  assert.doesNotMatch(down.stderr + down.stdout, /s3cret/);
});
