/** database.types.ts (supabase gen types) as a source: a stale types file shows as drift, nothing else does. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { projectToTypes, readSupabaseTypes, typeCategory } from '../src/sources/supabase-types.js';
import { pgdrift } from './helpers/cli.js';
import { createDatabase } from './helpers/servers.js';

describe('supabase gen types as a source', () => {
  test('tables, views, columns with nullability and type category, enums and functions are read; platform schemas are not', async () => {
    const s = await readSupabaseTypes('test/fixtures/database.types.ts');
    assert.deepEqual(s.schemas.map((n) => n.name), ['public']);
    assert.deepEqual(s.tables.map((t) => t.name), ['audit_log', 'memberships', 'organizations', 'profiles']);
    assert.deepEqual(s.tables[1]!.columns, [
      { name: 'organization_id', type: 'ts:string', notNull: true },
      { name: 'role', type: 'ts:enum:public.member_role', notNull: true },
      { name: 'user_id', type: 'ts:string', notNull: true },
    ]);
    assert.deepEqual(s.tables[0]!.columns.map((c) => `${c.name}:${c.type}:${c.notNull}`), ['action:ts:string:true', 'actor:ts:string:false', 'at:ts:string:true', 'details:ts:Json:true', 'id:ts:number:true']);
    assert.deepEqual(s.views.map((v) => [v.name, v.columns]), [['recent_activity', ['action', 'actor', 'at']]]);
    assert.deepEqual(s.enums, [{ schema: 'public', name: 'member_role', values: ['admin', 'member'] }]);
    assert.deepEqual(s.functions.map((f) => f.name), ['handle_new_user', 'is_member']);
  });

  test('Postgres types map to the TypeScript categories supabase gen types uses', async () => {
    const enums = new Set(['public.status']);
    assert.equal(typeCategory('bigint', enums), 'ts:number');
    assert.equal(typeCategory('numeric(10,2)', enums), 'ts:number');
    assert.equal(typeCategory('timestamp with time zone', enums), 'ts:string');
    assert.equal(typeCategory('uuid', enums), 'ts:string');
    assert.equal(typeCategory('jsonb', enums), 'ts:Json');
    assert.equal(typeCategory('text[]', enums), 'ts:string[]');
    assert.equal(typeCategory('public.status', enums), 'ts:enum:public.status');
    assert.equal(projectToTypes(await readSupabaseTypes('test/fixtures/database.types.ts')).tables.length, 4);
  });

  test('a stale types file against the migrations: exactly what it lacks', () => {
    const r = pgdrift(['diff', 'test/fixtures/database.types.ts', 'examples/supabase-app/supabase/migrations', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const messages = JSON.parse(r.stdout).changes.map((c: { message: string }) => c.message);
    assert.deepEqual(messages.sort(), [
      'column public.profiles.avatar_url (ts:string) is missing',
      "enum public.member_role lacks 'owner'",
      'function public.match_documents() is missing',
      'table public.documents is missing (6 columns)',
    ]);
  });

  test('against a live database: a column that became nullable, a new table', async () => {
    const db = await createDatabase('pg17', `create type member_role as enum ('admin', 'member');
      create table organizations (id uuid primary key, name text not null, slug text not null, created_at timestamptz not null default now());
      create table memberships (organization_id uuid not null, user_id uuid null, role member_role not null);
      create table invites (id bigint primary key);`);
    try {
      const r = pgdrift(['diff', 'test/fixtures/database.types.ts', db.url, '--format', 'json']);
      const messages = JSON.parse(r.stdout).changes.map((c: { message: string }) => c.message);
      assert.ok(messages.includes('column public.memberships.user_id: nullability is NOT NULL, expected nullable'), messages.join('\n'));
      assert.ok(messages.includes('table public.invites is missing (1 columns)'), messages.join('\n'));
      assert.ok(!messages.some((m: string) => /constraint|index|default/.test(m)), 'nothing a types file cannot know');
    } finally {
      await db.drop();
    }
  });

  test('a .ts file that is not generated types is bad input', () => {
    const r = pgdrift(['inspect', 'scripts/gen-keywords.ts']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no `export type Database = \{…\}`: is this a file written by supabase gen types typescript\?/);
  });
});
