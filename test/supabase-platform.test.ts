/**
 * The Supabase base is Supabase's own platform (vendor/supabase-platform): what a project may touch
 * exists on every shadow, the platform's RLS settings and API grants are what platform-tables.ts
 * says, a `supabase db pull` dump replays, and what a project puts on platform tables is compared,
 * planned and audited.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { audit } from '../src/audit/audit.js';
import { diff } from '../src/diff/diff.js';
import { plan } from '../src/plan/plan.js';
import { platformTables } from '../src/inspect/platform-tables-read.js';
import { PLATFORM_TABLES } from '../src/inspect/platform-tables.js';
import { toSnapshot } from '../src/model/snapshot.js';
import { createShadow } from '../src/shadow/create.js';
import { PLATFORM_DIR } from '../src/shadow/supabase/platform.js';
import { loadSource } from '../src/sources/load.js';
import { loadParser } from '../src/sources/sql.js';
import { serverUrl } from './helpers/servers.js';
import { tempFiles } from './helpers/temp.js';

/** What real projects reference: tables, functions and roles. */
const TABLES = ['auth.users', 'auth.identities', 'auth.sessions', 'auth.refresh_tokens', 'auth.mfa_factors', 'auth.sso_providers', 'auth.schema_migrations', 'auth.audit_log_entries', 'storage.buckets', 'storage.objects', 'storage.migrations', 'storage.s3_multipart_uploads', 'storage.s3_multipart_uploads_parts', 'realtime.messages'];
const FUNCTIONS = ['auth.uid()', 'auth.role()', 'auth.email()', 'auth.jwt()', 'storage.foldername(text)', 'storage.filename(text)', 'storage.extension(text)', 'realtime.topic()', 'extensions.uuid_generate_v4()', 'extensions.gen_random_uuid()', 'vault.create_secret(text,text,text,uuid)', 'extensions.pg_stat_statements_reset(oid,oid,bigint)', 'extensions.algorithm_sign(text,text,text)', 'extensions.try_cast_double(text)'];
const ROLES = ['anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin', 'dashboard_user', 'pgbouncer'];

describe('the Supabase base', () => {
  for (const shadowName of ['pglite', 'pg17'] as const) {
    test(`on ${shadowName}: every table, function and role a project may touch exists, with the platform's RLS`, async () => {
      await loadParser();
      const shadow = await createShadow(shadowName === 'pglite' ? 'pglite' : serverUrl('pg17'), { supabase: true, extensions: [] });
      try {
        const one = async (sql: string, arg: string) => (await shadow.query(sql, [arg])).rows[0]!.ok;
        for (const t of TABLES) assert.equal(await one('select to_regclass($1) is not null as ok', t), true, t);
        for (const f of FUNCTIONS) assert.equal(await one('select to_regprocedure($1) is not null as ok', f), true, f);
        for (const r of ROLES) assert.equal(await one('select exists (select 1 from pg_roles where rolname = $1) as ok', r), true, r);
        assert.equal(await one("select exists (select 1 from pg_publication where pubname = $1) as ok", 'supabase_realtime'), true);
        // src/inspect/platform-tables.ts is what this base has (regenerate it with scripts/platform-tables.ts).
        assert.deepEqual(await platformTables(shadow), PLATFORM_TABLES);
      } finally {
        await shadow.close();
      }
    });
  }

  const reference = join('..', 'shared', 'reference', 'supabase-platform');
  test('the vendored platform scripts are the reference, unchanged', { skip: !existsSync(reference) && 'reference not present' }, () => {
    for (const [vendored, original] of [
      ['postgres/migrations/20221207154255_create_pgsodium_and_vault.sql', 'postgres/migrations/db/migrations/20221207154255_create_pgsodium_and_vault.sql'],
      ['auth/migrations/20221021082433_add_saml.up.sql', 'auth/migrations/20221021082433_add_saml.up.sql'],
      ['storage/tenant/0002-storage-schema.sql', 'storage/migrations/tenant/0002-storage-schema.sql'],
      ['postgres/schema-15.sql', 'postgres/migrations/schema-15.sql'],
    ] as const) {
      assert.equal(readFileSync(join(PLATFORM_DIR, vendored), 'utf8'), readFileSync(join(reference, original), 'utf8'), vendored);
    }
  });

  test('a `supabase db pull` dump replays, on PGlite and on PostgreSQL 17 alike', async () => {
    const spec = { kind: 'migrations' as const, path: 'test/fixtures/supabase-dump/supabase/migrations' };
    const pglite = await loadSource(spec);
    const server = await loadSource(spec, { shadow: serverUrl('pg17') });
    assert.equal(toSnapshot(server.schema), toSnapshot(pglite.schema));
    const objects = pglite.schema.tables.find((t) => t.schema === 'storage' && t.name === 'objects')!;
    assert.deepEqual(objects.policies.map((p) => p.name), ['Avatar uploads']);
    assert.deepEqual(pglite.schema.publications, [{ name: 'supabase_realtime', allTables: false, operations: ['insert', 'update', 'delete', 'truncate'], tables: ['public.profiles'] }]);
    // The image's own extensions, created again by the dump, are not the project's.
    assert.deepEqual(pglite.schema.extensions, []);
  });

  test("a statement of another major than config.toml's is explained as such", async () => {
    const root = tempFiles({
      'supabase/config.toml': '[api]\nport = 1\n\n[db]\nport = 54322\nmajor_version = 15\n',
      'supabase/migrations/20240101000000_stats.sql': 'create view public.backend_writes as select buffers_backend from pg_stat_bgwriter;',
    });
    await assert.rejects(
      loadSource({ kind: 'migrations', path: join(root, 'supabase/migrations') }),
      /20240101000000_stats\.sql:1:\d+: column "buffers_backend" does not exist.*config\.toml says major_version = 15 and the shadow runs PostgreSQL 18/,
    );
  });

  test('a storage policy and a Realtime table are drift when one side lacks them, and audit reads storage policies', async () => {
    const folder = (extra: string) =>
      tempFiles({ 'supabase/migrations/20240101000000_app.sql': `create table public.messages (id bigint primary key);\nalter table public.messages enable row level security;\n${extra}` }) + '/supabase/migrations';
    const plain = (await loadSource({ kind: 'migrations', path: folder('') })).schema;
    const shared = (await loadSource({ kind: 'migrations', path: folder(
      "create policy \"anyone uploads\" on storage.objects for insert to anon with check (true);\nalter publication supabase_realtime add table public.messages;",
    ) })).schema;
    const changes = diff(plain, shared).map((c) => `${c.kind} ${c.action} ${c.object}`).sort();
    assert.deepEqual(changes, ['policy missing storage.objects."anyone uploads"', 'publication missing supabase_realtime.public.messages']);
    assert.deepEqual(diff(shared, plain).map((c) => `${c.kind} ${c.action}`).sort(), ['policy extra', 'publication extra']);
    const findings = audit(shared).filter((f) => f.object.startsWith('storage.objects'));
    assert.ok(findings.length, 'the always-true storage policy is a finding');
  });

  test('grants a project gives the API roles on platform tables are its own: inspected, diffed and planned', async () => {
    const folder = (extra: string) => tempFiles({ 'supabase/migrations/20240101000000_app.sql': `create table public.notes (id int);\n${extra}` }) + '/supabase/migrations';
    const plain = (await loadSource({ kind: 'migrations', path: folder('') })).schema;
    assert.deepEqual(plain.tables.filter((t) => t.platform).map((t) => t.name), [], 'the platform\'s own grants are not the project\'s');
    const granted = (await loadSource({ kind: 'migrations', path: folder('grant select on auth.users to authenticated;\nrevoke all on storage.objects from anon;') })).schema;
    const users = granted.tables.find((t) => t.schema === 'auth' && t.name === 'users')!;
    assert.deepEqual([users.columns, users.grants], [[], [{ grantee: 'authenticated', privileges: ['SELECT'] }]]);
    const changes = diff(plain, granted).map((c) => c.message);
    assert.deepEqual(changes, ['authenticated lacks SELECT on table auth.users', 'anon holds ALL on table storage.objects, which the source of truth does not grant']);
    const sql = plan(plain, granted).steps.map((s) => s.sql);
    assert.deepEqual(sql.slice(1), ['grant select on table auth.users to authenticated;', 'revoke all on table storage.objects from anon;']);
  });
});
