/** `pgdrift inspect` as a user runs it: output, formats, exit codes, one-line errors. */
import assert from 'node:assert/strict';
import { PLATFORM_TABLES } from '../src/inspect/platform-tables.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, type TestDatabase } from './helpers/servers.js';
import { tempDir } from './helpers/temp.js';

const EXAMPLE = 'examples/supabase-app/supabase/migrations';

describe('pgdrift inspect', () => {
  test('--summary on the example project counts objects per schema and lists tables without RLS', () => {
    const r = pgdrift(['inspect', EXAMPLE, '--summary']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /supabase layout, 4 files, inspected on PGlite/);
    const publicRow = r.stdout.split('\n').find((l) => l.startsWith('public'))!.trim().split(/\s+/);
    // schema tables platform columns indexes constraints enums domains sequences views mviews functions triggers policies rls-on rls-off
    assert.deepEqual(publicRow, ['public', '5', '0', '23', '3', '13', '1', '0', '1', '1', '0', '3', '1', '5', '4', '1']);
    assert.match(r.stdout, /tables without row level security: public\.audit_log/);
    assert.match(r.stdout, /vector \(extensions\)/);
  });

  test('--summary --format json is machine readable', () => {
    const r = pgdrift(['inspect', EXAMPLE, '--summary', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.total.tables, 5);
    // storage.objects, for the two avatar policies the project puts on it.
    assert.equal(summary.bySchema.storage.platformTables, 1);
    assert.equal(summary.bySchema.storage.policies, 2);
    assert.equal(summary.bySchema.public.policies, 5);
    assert.deepEqual(summary.tablesWithoutRls, ['public.audit_log']);
  });

  test('--format json writes a snapshot that reads back to the same bytes', () => {
    const first = pgdrift(['inspect', EXAMPLE, '--format', 'json']);
    assert.equal(first.status, 0, first.stderr);
    const file = join(tempDir('pgdrift-snap-'), 'schema.json');
    writeFileSync(file, first.stdout);
    const again = pgdrift(['inspect', file, '--format', 'json']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, first.stdout);
    const text = pgdrift(['inspect', `snapshot:${file}`]);
    assert.match(text.stdout, /table public\.documents {2}\[RLS on\]/);
  });

  test('a snapshot of version 1, from before grants were in the model, is compared without grants', () => {
    const dir = tempDir('pgdrift-snap-');
    const sql = join(dir, 'schema.sql');
    writeFileSync(sql, 'create role pgdrift_snap_reader; create table t (id int); grant select on t to pgdrift_snap_reader;');
    const current = JSON.parse(pgdrift(['inspect', sql, '--format', 'json']).stdout);
    assert.equal(current.version, 2);
    const v2 = join(dir, 'v2.json');
    writeFileSync(v2, JSON.stringify(current));
    const v1 = join(dir, 'v1.json');
    const { grants: _, ...table } = current.schema.tables[0];
    writeFileSync(v1, JSON.stringify({ ...current, version: 1, schema: { ...current.schema, tables: [table] } }));
    assert.equal(pgdrift(['diff', v1, sql]).status, 0, 'a version 1 snapshot cannot say what was granted');
    assert.equal(pgdrift(['diff', v2, sql]).status, 0);
    const { grants: __, ...ungranted } = current.schema.tables[0];
    writeFileSync(v2, JSON.stringify({ ...current, schema: { ...current.schema, tables: [ungranted] } }));
    assert.match(pgdrift(['diff', v2, sql]).stdout, /pgdrift_snap_reader lacks SELECT on table public\.t/);
  });

  test('the full text listing shows columns, constraints, indexes and policies', () => {
    const r = pgdrift(['inspect', EXAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /embedding {2}extensions\.vector\(1536\)/);
    assert.match(r.stdout, /index documents_embedding_idx {2}USING hnsw \(embedding extensions\.vector_cosine_ops\) WITH \(m='16', ef_construction='64'\)/);
    assert.match(r.stdout, /policy Users can update their own profile {2}permissive for update to authenticated/);
    assert.match(r.stdout, /trigger on_auth_user_created on auth\.users {2}executes public\.handle_new_user\(\)/);
  });

  test('a Prisma migrations folder replays in folder order on a plain shadow', () => {
    const r = pgdrift(['inspect', 'test/fixtures/prisma-app/prisma/migrations']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\(prisma layout, 2 files, inspected on PGlite/);
    assert.match(r.stdout, /table public\."User" {2}\[RLS off\]/);
    assert.match(r.stdout, /constraint Post_authorId_fkey {2}FOREIGN KEY \("authorId"\) REFERENCES public\."User"\(id\) ON UPDATE CASCADE ON DELETE RESTRICT/);
    assert.match(r.stdout, /createdAt {2}timestamp\(3\) without time zone {2}not null default CURRENT_TIMESTAMP/);
  });

  test('--schema limits inspection to the named schemas', () => {
    const r = pgdrift(['inspect', EXAMPLE, '--summary', '--format', 'json', '--schema', 'auth']);
    const summary = JSON.parse(r.stdout);
    // Asked for by name, the platform's schema is inspected whole: every table Supabase Auth makes.
    assert.equal(summary.bySchema.auth.tables, Object.keys(PLATFORM_TABLES).filter((t) => t.startsWith('auth.')).length);
    assert.equal(summary.bySchema.public, undefined);
  });
});

describe('bad input: one line, exit 2', () => {
  const oneLine = (s: string) => s.trimEnd().split('\n').length === 1;

  test('a migration that fails to replay names file, line, column, the error and the statement', () => {
    const dir = tempDir('pgdrift-bad-');
    writeFileSync(join(dir, '001_init.sql'), 'create table items (id int primary key);\n');
    writeFileSync(join(dir, '002_more.sql'), '\nalter table items\n  add column owner uuid references profiles (id);\n');
    const r = pgdrift(['inspect', dir, '--summary']);
    assert.equal(r.status, 2);
    assert.ok(oneLine(r.stderr), r.stderr);
    assert.match(r.stderr, /^pgdrift: .*002_more\.sql:3:36: relation "profiles" does not exist \(in: alter table items\)$/m);
  });

  test('a missing source', () => {
    const r = pgdrift(['inspect', 'no/such/folder']);
    assert.equal(r.status, 2);
    assert.ok(oneLine(r.stderr));
    assert.match(r.stderr, /^pgdrift: source not found: no\/such\/folder/);
  });

  test('an unreachable database, with its password masked', () => {
    const r = pgdrift(['inspect', 'postgres://admin:s3cret-pw@127.0.0.1:1/app']);
    assert.equal(r.status, 2);
    assert.ok(oneLine(r.stderr), r.stderr);
    assert.match(r.stderr, /^pgdrift: cannot connect to postgres:\/\/admin:\*\*\*@127\.0\.0\.1:1\/app: /);
    assert.doesNotMatch(r.stderr + r.stdout, /s3cret-pw/);
  });

  test('a file that is not a snapshot says where it is wrong', () => {
    const file = join(tempDir('pgdrift-bad-'), 'x.json');
    writeFileSync(file, JSON.stringify({ format: 'pgdrift-snapshot', version: 1, schema: { tables: 'nope' } }));
    const r = pgdrift(['inspect', file]);
    assert.equal(r.status, 2);
    assert.ok(oneLine(r.stderr));
    assert.match(r.stderr, /x\.json: not a pgdrift snapshot at schema\./);
  });

  test('an unknown option or format is a usage error', () => {
    assert.equal(pgdrift(['inspect', EXAMPLE, '--format', 'xml']).status, 2);
    assert.equal(pgdrift(['inspect']).status, 2);
    assert.equal(pgdrift(['frobnicate']).status, 2);
    assert.equal(pgdrift(['--help']).status, 0);
  });

  test('--version prints the package version without loading the commands; --help lists them all', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = pgdrift([flag]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${version}\n`);
    }
    const help = pgdrift(['--help']).stdout;
    for (const command of ['inspect', 'diff', 'plan', 'lint', 'audit', 'check', 'status', 'preflight', 'apply', 'report']) assert.match(help, new RegExp(`^  ${command}\\b`, 'm'));
  });
});

describe('live databases', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createDatabase('pg17', 'create table public."Tasks" (id serial primary key, title text not null); alter table public."Tasks" enable row level security;');
  });
  after(() => db.drop());

  test('inspect reads a live database, prints its URL masked, and needs no write', async () => {
    // Sessions of this database cannot write: inspection must still work.
    await db.client.query(`alter database ${new URL(db.url).pathname.slice(1)} set default_transaction_read_only = on`);
    const r = pgdrift(['inspect', db.url, '--summary', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).total.tables, 1);
    const text = pgdrift(['inspect', db.url, '--summary']);
    assert.match(text.stdout, /^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/t_\w+ \(inspected on PostgreSQL 17/);
    assert.doesNotMatch(text.stdout + text.stderr, /:pgdrift@/);
  });
});
