/**
 * The audit against splinter, Supabase's database linter (the checks behind the Security Advisor), built
 * from its published lint descriptions: for each lint that can be computed from a schema, a schema that
 * triggers it and its fixed version, both built in a real database on the Supabase base. The matching
 * pgdrift rule must speak on the first (on the named object) and be silent on the second. Lints that need
 * the running database (statistics, data, settings) are listed with the live check that covers them.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { AuditOptions } from '../src/audit/types.js';
import { LIVE_RULES } from '../src/audit/live/index.js';
import { RULES } from '../src/audit/rules/index.js';
import { findings } from './helpers/audit.js';

interface SplinterCase { lint: string; rule: string; trigger: string; fixed: string; object: string; options?: Partial<AuditOptions> }

const TABLE = 'create table public.notes (id bigint primary key, owner uuid, body text);';

export const SPLINTER_CASES: SplinterCase[] = [
  { lint: '0001_unindexed_foreign_keys', rule: 'fk-unindexed', object: 'public.notes.notes_owner_fkey',
    trigger: 'create table public.users (id uuid primary key); create table public.notes (id bigint primary key, owner uuid references public.users);',
    fixed: 'create table public.users (id uuid primary key); create table public.notes (id bigint primary key, owner uuid references public.users); create index on public.notes (owner);' },
  { lint: '0002_auth_users_exposed', rule: 'auth-users-exposed', object: 'public.members',
    trigger: 'create view public.members as select id, email from auth.users;',
    fixed: 'create view public.members as select id, email from auth.users; revoke all on public.members from anon, authenticated;' },
  { lint: '0003_auth_rls_initplan', rule: 'auth-per-row', object: 'public.notes.mine',
    trigger: `${TABLE} alter table public.notes enable row level security; create policy mine on public.notes using (owner = auth.uid());`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy mine on public.notes using (owner = (select auth.uid()));` },
  { lint: '0004_no_primary_key', rule: 'no-primary-key', object: 'public.events',
    trigger: 'create table public.events (at timestamptz, kind text);',
    fixed: 'create table public.events (id bigint generated always as identity primary key, at timestamptz, kind text);' },
  { lint: '0006_multiple_permissive_policies', rule: 'multiple-permissive', object: 'public.notes',
    trigger: `${TABLE} alter table public.notes enable row level security; create policy a on public.notes for select to authenticated using (owner = (select auth.uid())); create policy b on public.notes for select to authenticated using (body is not null);`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy a on public.notes for select to authenticated using (owner = (select auth.uid()) or body is not null);` },
  { lint: '0007_policy_exists_rls_disabled', rule: 'policy-without-rls', object: 'public.notes',
    trigger: `${TABLE} create policy mine on public.notes using (owner = (select auth.uid()));`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy mine on public.notes using (owner = (select auth.uid()));` },
  { lint: '0008_rls_enabled_no_policy', rule: 'rls-no-policy', object: 'public.notes',
    trigger: `${TABLE} alter table public.notes enable row level security;`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy mine on public.notes using (owner = (select auth.uid()));` },
  { lint: '0009_duplicate_index', rule: 'duplicate-index', object: 'public.notes.notes_owner_idx1',
    trigger: `${TABLE} create index notes_owner_idx on public.notes (owner); create index notes_owner_idx1 on public.notes (owner);`,
    fixed: `${TABLE} create index notes_owner_idx on public.notes (owner);` },
  { lint: '0010_security_definer_view', rule: 'view-bypasses-rls', object: 'public.all_notes',
    trigger: `${TABLE} alter table public.notes enable row level security; create view public.all_notes as select * from public.notes;`,
    fixed: `${TABLE} alter table public.notes enable row level security; create view public.all_notes with (security_invoker = true) as select * from public.notes;` },
  { lint: '0011_function_search_path_mutable', rule: 'function-search-path-mutable', object: 'public.add(a integer, b integer)',
    trigger: 'create function public.add(a int, b int) returns int language sql as $$ select a + b $$;',
    fixed: "create function public.add(a int, b int) returns int language sql set search_path = '' as $$ select a + b $$;" },
  { lint: '0013_rls_disabled_in_public', rule: 'rls-disabled', object: 'public.notes',
    trigger: TABLE,
    fixed: `${TABLE} alter table public.notes enable row level security;` },
  { lint: '0014_extension_in_public', rule: 'extension-in-public', object: 'pg_trgm',
    trigger: 'create extension pg_trgm schema public;',
    fixed: 'create extension pg_trgm schema extensions;' },
  { lint: '0015_rls_references_user_metadata', rule: 'policy-uses-user-metadata', object: 'public.notes.admins',
    trigger: `${TABLE} alter table public.notes enable row level security; create policy admins on public.notes using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy admins on public.notes using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');` },
  { lint: '0016_materialized_view_in_api', rule: 'materialized-view-in-api', object: 'public.note_counts',
    trigger: `${TABLE} create materialized view public.note_counts as select owner, count(*) from public.notes group by owner;`,
    fixed: `${TABLE} create schema private; create materialized view private.note_counts as select owner, count(*) from public.notes group by owner;` },
  { lint: '0018_unsupported_reg_types', rule: 'unsupported-reg-type', object: 'public.jobs.handler',
    trigger: 'create table public.jobs (id bigint primary key, handler regproc);',
    fixed: 'create table public.jobs (id bigint primary key, handler text);' },
  { lint: '0021_fkey_to_auth_unique', rule: 'fk-to-auth-unique', object: 'public.profiles.profiles_phone_fkey',
    trigger: 'create table public.profiles (id uuid primary key, phone text references auth.users (phone));',
    fixed: 'create table public.profiles (id uuid primary key references auth.users (id), phone text);' },
  { lint: '0023_sensitive_columns_exposed', rule: 'sensitive-columns-exposed', object: 'public.accounts',
    trigger: 'create table public.accounts (id bigint primary key, email text, password text);',
    fixed: 'create table public.accounts (id bigint primary key, email text, password text); alter table public.accounts enable row level security;' },
  { lint: '0024_rls_policy_always_true', rule: 'write-policy-always-true', object: 'public.notes.anyone_deletes',
    trigger: `${TABLE} alter table public.notes enable row level security; create policy anyone_deletes on public.notes for delete to authenticated using (true);`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy anyone_deletes on public.notes for delete to authenticated using (owner = (select auth.uid()));` },
  // Supabase's image installs pg_graphql (PGlite cannot load it): the audit is told so, as `audit` of a Supabase source is.
  { lint: '0026_pg_graphql_anon_table_exposed', rule: 'graphql-table-exposed', object: 'public.notes', options: { graphql: true },
    trigger: TABLE,
    fixed: `${TABLE} revoke select on public.notes from anon, authenticated;` },
  { lint: '0027_pg_graphql_authenticated_table_exposed', rule: 'graphql-table-exposed', object: 'public.notes', options: { graphql: true },
    trigger: `${TABLE} revoke select on public.notes from anon;`,
    fixed: `${TABLE} revoke select on public.notes from anon, authenticated;` },
  { lint: '0028_anon_security_definer_function_executable', rule: 'security-definer-executable', object: 'public.purge()',
    trigger: TABLE + "create function public.purge() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$;",
    fixed: TABLE + "create function public.purge() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$; revoke execute on function public.purge() from public, anon, authenticated;" },
  { lint: '0029_authenticated_security_definer_function_executable', rule: 'security-definer-executable', object: 'public.purge()',
    trigger: TABLE + "create function public.purge() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$; revoke execute on function public.purge() from public, anon;",
    fixed: TABLE + "create function public.purge() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$; revoke execute on function public.purge() from public, anon, authenticated;" },
  { lint: '0030_rls_policy_null_auth_disjunct', rule: 'policy-null-auth-disjunct', object: 'public.notes.mine',
    trigger: `${TABLE} alter table public.notes enable row level security; create policy mine on public.notes for select using (auth.uid() is null or owner = (select auth.uid()));`,
    fixed: `${TABLE} alter table public.notes enable row level security; create policy mine on public.notes for select using (auth.uid() is not null and owner = (select auth.uid()));` },
];

/** splinter's lints that need the running database (statistics, data, settings), and the live check that covers each (test/audit.live.test.ts). */
export const SPLINTER_LIVE: Record<string, string> = {
  '0005_unused_index': 'unused-index',
  '0017_foreign_table_in_api': 'foreign-table-in-api',
  '0019_insecure_queue_exposed_in_api': 'insecure-queue-exposed',
  '0020_table_bloat': 'table-bloat',
  '0022_extension_versions_outdated': 'extension-outdated',
  '0025_public_bucket_allows_listing': 'public-bucket-allows-listing',
  '0030_invalid_index': 'invalid-index',
  '0030_autovacuum_disabled': 'autovacuum-disabled',
  '0031_unused_replication_slot': 'unused-replication-slot',
};

/** splinter's lints that no database schema decides, and why. */
export const SPLINTER_OUT_OF_SCOPE: Record<string, string> = {
  '0012_auth_allow_anonymous_sign_ins': 'a setting of the Auth service, not of the database',
  '0025_pg17_deprecated_extensions': 'covered by extension-deprecated, tested on the model (PGlite cannot load plv8 or timescaledb)',
};

let flagged = 0;
after(() => console.log(`splinter conformance: ${flagged} of ${SPLINTER_CASES.length} triggering schemas flagged by the matching rule, and every fixed one silent`));

describe('audit conformance: splinter\'s lints, each on a triggering schema and its fix', () => {
  test('every splinter lint that needs a live database has a live check', () => {
    const ids = new Set(LIVE_RULES.map((r) => r.id));
    for (const [lint, rule] of Object.entries(SPLINTER_LIVE)) assert.ok(ids.has(rule), `${lint}: no live check ${rule}`);
    assert.ok(RULES.some((r) => r.id === 'extension-deprecated'));
  });
  for (const c of SPLINTER_CASES) {
    test(`${c.lint} → ${c.rule}`, async () => {
      const found = await findings(c.rule, c.trigger, c.options);
      assert.ok(found.some((f) => f.object === c.object), `expected ${c.rule} on ${c.object}; got ${found.map((f) => `${f.object}: ${f.message}`).join('\n') || 'nothing'}`);
      flagged++;
      const after = await findings(c.rule, c.fixed, c.options);
      assert.deepEqual(after.map((f) => f.object), [], after.map((f) => f.message).join('\n'));
    });
  }
});
