import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('new-table-without-rls: a new table in public that no migration protects', async () => {
  const { at } = await lintRule('new-table-without-rls', {
    '20240101000000_a.sql': 'create table open_notes (id int);\ncreate table notes (id int);\ncreate schema private;\ncreate table private.jobs (id int);\n',
    '20240102000000_b.sql': 'alter table notes enable row level security;\n',
  });
  assert.deepEqual(at, ['20240101000000_a.sql:1:14']);
});

test('new-table-without-rls: a table renamed after creation is followed to its name; the hint quotes it', async () => {
  const { at, findings } = await lintRule('new-table-without-rls', {
    '20240101000000_a.sql': 'create table draft (id int);\ncreate table "Person" (id int);\n',
    '20240102000000_b.sql': 'alter table draft rename to posts;\n',
  });
  assert.deepEqual(at, ['20240101000000_a.sql:1:14', '20240101000000_a.sql:2:14']);
  assert.match(findings[0]!.message, /table public\.posts \(created as public\.draft\)/);
  assert.equal(findings[1]!.hint, 'alter table public."Person" enable row level security; then add policies');
});

test('new-table-without-rls: only in Supabase projects, where the API exposes the schema', async () => {
  assert.deepEqual((await lintRule('new-table-without-rls', { '0001_a.sql': 'create table notes (id int);\n' }, { folder: 'db/migrations' })).at, []);
});
