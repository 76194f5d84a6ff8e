import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../test/helpers/audit.js';

const sql = 'create table public.notes (id int); create table public.hidden (id int); revoke select on public.hidden from anon, authenticated; create table public.members_only (id int); revoke select on public.members_only from anon;';

test('graphql-table-exposed: with pg_graphql, the tables each API role may select are listed in the GraphQL schema', async () => {
  const found = await findings('graphql-table-exposed', sql, { graphql: true });
  assert.deepEqual(found.map((f) => f.object), ['public.members_only', 'public.notes']);
  assert.match(found[0]!.message, /visible to authenticated in the GraphQL schema/);
  assert.match(found[1]!.message, /visible to anon and authenticated/);
});

test('graphql-table-exposed: nothing without pg_graphql', async () => {
  assert.deepEqual(await findings('graphql-table-exposed', sql), []);
});
