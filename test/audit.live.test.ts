/**
 * The audit checks that need a running database, each on a real PostgreSQL server (the test harness's
 * PostgreSQL 15): a database that triggers the check and one that does not. They only read.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditLive } from '../src/audit/live.js';
import { DEFAULT_AUDIT_OPTIONS } from '../src/audit/types.js';
import pg from 'pg';
import { createDatabase, serverUrl } from './helpers/servers.js';

/** An API role of this test run only (roles belong to the whole server): created by `API_ROLE_SQL`, dropped after. */
const API_ROLE = `pgdrift_api_${process.pid}`;
const API_ROLE_SQL = `do $$ begin create role ${API_ROLE}; exception when duplicate_object then null; end $$;`;
const OPTIONS = { ...DEFAULT_AUDIT_OPTIONS, roles: [API_ROLE] };

/** Findings of the live check `rule` on a fresh database built by `sql` (then `after`, statement by statement). */
async function liveFindings(rule: string, sql: string, after: string[] = [], options = OPTIONS): Promise<{ object: string; message: string }[]> {
  const db = await createDatabase('pg15', sql);
  try {
    for (const s of after) await db.client.query(s).catch(() => undefined);
    const { findings } = await auditLive(db.url, options);
    return findings.filter((f) => f.rule === rule).map((f) => ({ object: f.object, message: f.message }));
  } finally {
    await db.drop();
    await dropApiRole();
  }
}

async function dropApiRole(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl('pg15') });
  await admin.connect();
  try {
    await admin.query(`drop role if exists ${API_ROLE}`);
  } finally {
    await admin.end();
  }
}

const objects = (fs: { object: string }[]) => fs.map((f) => f.object);

describe('audit of a live database: the checks only it can answer (splinter 0005, 0017, 0019, 0020, 0022, 0025, 0030, 0031)', () => {
  test('invalid-index: the index a failed CREATE INDEX CONCURRENTLY leaves behind', async () => {
    const found = await liveFindings('invalid-index', 'create table t (a int); insert into t values (1), (1); create unique index ok on t (a) where a > 1;', ['create unique index concurrently broken on t (a)']);
    assert.deepEqual(objects(found), ['public.broken']);
  });

  test('autovacuum-disabled: a table with autovacuum_enabled = false', async () => {
    assert.deepEqual(objects(await liveFindings('autovacuum-disabled', 'create table off (a int) with (autovacuum_enabled = false); create table on_ (a int);')), ['public.off']);
  });

  test('extension-outdated: an extension older than the server offers', async () => {
    const found = await liveFindings('extension-outdated', "create extension pg_trgm version '1.5'; create extension btree_gist;");
    assert.deepEqual(objects(found), ['pg_trgm']);
    assert.match(found[0]!.message, /at version 1\.5; the server provides 1\.6/);
  });

  test('unused-index: an index no query used, not a key; once a query uses it, not any more', async () => {
    const setup = 'create table t (id int primary key, a int); insert into t select g, g from generate_series(1, 1000) g; create index t_a on t (a); analyze t;';
    assert.deepEqual(objects(await liveFindings('unused-index', setup)), ['public.t_a']);
    const used = ['set enable_seqscan = off', 'select * from t where a = 5', 'select pg_stat_force_next_flush()'];
    assert.deepEqual(objects(await liveFindings('unused-index', setup, used)), []);
  });

  test('table-bloat: a table whose dead rows outnumber its live ones', async () => {
    const setup = 'create table t (a int) with (autovacuum_enabled = false); insert into t select generate_series(1, 5000); delete from t where a > 1000; create table u (a int); insert into u select generate_series(1, 5000);';
    const found = await liveFindings('table-bloat', setup, ['select pg_stat_force_next_flush()']);
    assert.deepEqual(objects(found), ['public.t']);
    assert.match(found[0]!.message, /4000 dead rows against 1000 live ones/);
  });

  test('foreign-table-in-api: a foreign table in public that the API roles may select', async () => {
    const fdw = `${API_ROLE_SQL} create extension file_fdw; create server files foreign data wrapper file_fdw; create foreign table public.lines (line text) server files options (filename '/dev/null'); create schema private; create foreign table private.hidden (line text) server files options (filename '/dev/null');`;
    assert.deepEqual(objects(await liveFindings('foreign-table-in-api', `${fdw} grant select on public.lines, private.hidden to ${API_ROLE};`)), ['public.lines']);
    assert.deepEqual(objects(await liveFindings('foreign-table-in-api', fdw)), []);
  });

  test('public-bucket-allows-listing: a public bucket with a SELECT policy for anyone on storage.objects', async () => {
    const storage = `create schema storage; create table storage.buckets (id text primary key, public boolean);
      create table storage.objects (id uuid, bucket_id text, name text); alter table storage.objects enable row level security;
      insert into storage.buckets values ('avatars', true), ('private', false);`;
    const found = await liveFindings('public-bucket-allows-listing', `${storage} create policy "list avatars" on storage.objects for select using (bucket_id = 'avatars');`);
    assert.deepEqual(objects(found), ['avatars']);
    assert.deepEqual(await liveFindings('public-bucket-allows-listing', storage), []);
    // Without Supabase's storage schema the check does not apply.
    assert.deepEqual(await liveFindings('public-bucket-allows-listing', 'create table t (a int);'), []);
  });

  test('insecure-queue-exposed: a pgmq queue table without RLS, when pgmq_public is exposed', async () => {
    const pgmq = `${API_ROLE_SQL} create schema pgmq; create table pgmq.meta (queue_name text); create table pgmq.q_jobs (msg_id bigint, message jsonb);
      create table pgmq.q_safe (msg_id bigint); alter table pgmq.q_safe enable row level security; grant select on pgmq.q_jobs, pgmq.q_safe to ${API_ROLE};`;
    const find = async (exposed: string[]) => objects(await liveFindings('insecure-queue-exposed', pgmq, [], { ...OPTIONS, exposedSchemas: exposed }));
    assert.deepEqual(await find(['public', 'pgmq_public']), ['pgmq.q_jobs']);
    assert.deepEqual(await find(['public']), []);
  });

  test('unused-replication-slot: an inactive slot keeps WAL', async () => {
    const slot = `pgdrift_test_${process.pid}`;
    const db = await createDatabase('pg15');
    try {
      await db.client.query('select pg_create_physical_replication_slot($1, true)', [slot]);
      const { findings } = await auditLive(db.url, OPTIONS);
      assert.ok(findings.some((f) => f.rule === 'unused-replication-slot' && f.object === slot), JSON.stringify(findings));
    } finally {
      await db.client.query('select pg_drop_replication_slot($1)', [slot]).catch(() => undefined);
      await db.drop();
    }
  });
});
