/** Replaying SQL into the shadow: failures are located; stand-ins replay what PGlite lacks. */
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LocatedError } from '../src/errors.js';
import { loadSource } from '../src/sources/load.js';
import { tempDir } from './helpers/temp.js';

function folder(files: Record<string, string>): string {
  const dir = tempDir('pgdrift-replay-');
  mkdirSync(join(dir, 'migrations'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'migrations', name), text);
  return join(dir, 'migrations');
}

async function replayError(files: Record<string, string>, supabase = false): Promise<LocatedError> {
  try {
    await loadSource({ kind: 'migrations', path: folder(files) }, { supabase });
  } catch (e) {
    if (e instanceof LocatedError) return e;
    throw e;
  }
  assert.fail('replay should have failed');
}

describe('replay failures', () => {
  test('privileges, owners and comments on platform objects another platform version has are skipped on Supabase, nothing else', async () => {
    const stale = 'grant all on table auth.sso_sessions to dashboard_user;\nalter function auth.gone() owner to postgres;\ncomment on table storage.gone is $$x$$;\n';
    const { schema } = await loadSource({ kind: 'migrations', path: folder({ '001_dump.sql': `${stale}create table public.t (id int);\n` }) }, { supabase: true });
    assert.deepEqual(schema.tables.filter((t) => !t.platform).map((t) => t.name), ['t']);
    const own = await replayError({ '001_x.sql': 'grant all on table auth.sso_sessions, public.t to dashboard_user;\n' }, true);
    assert.match(own.message, /does not exist/);
    const plain = await replayError({ '001_x.sql': 'create schema auth;\ngrant select on table auth.sso_sessions to public;\n' });
    assert.match(plain.message, /001_x\.sql:2:\d+: relation "auth\.sso_sessions" does not exist/);
  });

  test('a failing statement is reported at its file, line and column with the Postgres error and its first line', async () => {
    const e = await replayError({
      '001_init.sql': 'create table submissions (id int primary key);\n',
      '002_index.sql': '-- add an index\n\ncreate index submission_idx\n  on submission (id);\n',
    });
    assert.match(e.location.file, /002_index\.sql$/);
    assert.equal(e.location.line, 4);
    assert.equal(e.location.column, 6);
    assert.match(e.detail, /relation "submission" does not exist \(in: create index submission_idx\)/);
  });

  test('a statement that fails without a position points at the statement start', async () => {
    const e = await replayError({ '001.sql': 'select 1;\n  drop table missing_table;' });
    assert.deepEqual([e.location.line, e.location.column], [2, 3]);
    assert.match(e.detail, /table "missing_table" does not exist/);
  });

  test('a syntax error is found before anything runs', async () => {
    const e = await replayError({ '001.sql': 'create table a (id int);', '002.sql': 'alter table a add column b int\nalter table a add column c int;' });
    assert.match(e.location.file, /002\.sql$/);
    assert.deepEqual([e.location.line, e.location.column], [2, 1]);
  });

  test('an extension the shadow lacks and has no stand-in for gets advice', async () => {
    const e = await replayError({ '001.sql': 'create extension postgis;' });
    assert.match(e.detail, /extension "postgis" is not available in the shadow database \(PGlite .*\); replay on a server that has it with --shadow/);
  });

  test('Supabase objects are missing on a bare shadow (so the base matters)', async () => {
    const e = await replayError({ '001.sql': 'create table p (id uuid references auth.users);' }, false);
    assert.match(e.detail, /schema "auth" does not exist/);
  });
});

describe('the Supabase shadow', () => {
  test('a realistic Supabase migrations folder replays completely', async () => {
    const source = await loadSource({ kind: 'migrations', path: 'test/fixtures/supabase-realworld/supabase/migrations' });
    assert.equal(source.layout, 'supabase');
    assert.equal(source.files, 4);
    const s = source.schema;
    assert.deepEqual(s.tables.filter((t) => !t.platform).map((t) => t.name), ['accounts', 'chunks', 'events', 'user_settings']);
    // The extensions the project creates; Supabase's image already has pgcrypto and uuid-ossp.
    assert.deepEqual(s.extensions.map((e) => e.name), ['http', 'moddatetime', 'pg_cron', 'pg_net', 'pg_trgm', 'vector']);
    // Platform objects are not the project's: of auth, storage and realtime only the tables it put
    // policies on appear, as platform tables without columns.
    assert.ok(s.schemas.every((n) => n.name === 'public'));
    assert.deepEqual(s.tables.filter((t) => t.platform).map((t) => `${t.schema}.${t.name}:${t.columns.length}`), ['realtime.messages:0', 'storage.objects:0']);
    // A user trigger on auth.users is kept.
    assert.ok(s.triggers.some((t) => t.schema === 'auth' && t.name === 'on_auth_user_created'));
  });

  test('stand-in extensions keep the original types and index options', async () => {
    const s = (await loadSource({ kind: 'migrations', path: 'test/fixtures/supabase-realworld/supabase/migrations' })).schema;
    const chunks = s.tables.find((t) => t.name === 'chunks')!;
    assert.equal(chunks.columns.find((c) => c.name === 'embedding')!.type, 'extensions.vector(1536)');
    assert.equal(chunks.columns.find((c) => c.name === 'small')!.type, 'extensions.halfvec(256)');
    const defs = chunks.indexes.map((i) => i.definition);
    assert.ok(defs.includes('CREATE INDEX chunks_embedding_idx ON public.chunks USING ivfflat (embedding extensions.vector_cosine_ops) WITH (lists=\'100\')'), defs.join('\n'));
    assert.ok(defs.includes("CREATE INDEX chunks_small_hnsw ON public.chunks USING hnsw (small extensions.halfvec_l2_ops) WITH (m='24', ef_construction='100')"), defs.join('\n'));
    // The stand-ins' own objects are extension members, not the project's functions.
    assert.deepEqual(s.functions.map((f) => f.name), ['fetch_title', 'handle_new_user', 'match_chunks', 'notify_event']);
  });

  test('auth helpers behave as on Supabase', async () => {
    const { createPgliteShadow } = await import('../src/shadow/pglite.js');
    const shadow = await createPgliteShadow({ supabase: true, extensions: [] });
    try {
      await shadow.exec(`set request.jwt.claims = '{"sub": "9f1c2c1e-0000-4000-8000-000000000001", "role": "authenticated", "email": "a@b.c"}'`);
      const { rows } = await shadow.query('select auth.uid()::text as uid, auth.role() as role, auth.jwt() ->> \'email\' as email, uuid_generate_v4() is not null as uuid, storage.foldername(\'a/b/c.png\') as folders, storage.filename(\'a/b/c.png\') as file');
      assert.deepEqual(rows[0], { uid: '9f1c2c1e-0000-4000-8000-000000000001', role: 'authenticated', email: 'a@b.c', uuid: true, folders: ['a', 'b'], file: 'c.png' });
      const roles = await shadow.query("select rolname from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by 1");
      assert.deepEqual(roles.rows.map((r) => r.rolname), ['anon', 'authenticated', 'service_role']);
    } finally {
      await shadow.close();
    }
  });
});
