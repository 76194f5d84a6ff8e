import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('missing-object: a missing table or column, with "did you mean" from the names that exist', async () => {
  const { at, findings } = await lintRule('missing-object', {
    '20240101000000_a.sql': 'create table submissions (id int, title text);\n',
    '20240102000000_b.sql': 'create index submission_idx on submission (id);\ncreate index on submissions (titel);\ncreate policy p on submissions using (owner = 1);\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:32', '20240102000000_b.sql:2:30', '20240102000000_b.sql:3:39']);
  assert.deepEqual(findings.map((f) => f.hint), ['did you mean "submissions"?', 'did you mean "title"?', 'create it in an earlier migration, or fix the name']);
});

test('missing-object: none when names exist', async () => {
  assert.deepEqual((await lintRule('missing-object', { '20240101000000_a.sql': 'create table s (id int); create index on s (id);' })).at, []);
});

test('missing-object: the platform\'s names are offered only for a name qualified with the platform schema', async () => {
  const { findings } = await lintRule('missing-object', {
    '20240101000000_a.sql': 'create table tickets (id int);\ncreate table notes (id int, ticket_id int references ticket (id));\ninsert into storage.bucket (id, name) values (\'a\', \'a\');\n',
  });
  assert.deepEqual(findings.map((f) => f.hint), ['did you mean "tickets"?', 'did you mean "buckets"?']);
});

test('missing-object: "did you mean" offers an index for an index and a constraint for a constraint, never a table or its array type', async () => {
  const { findings } = await lintRule('missing-object', {
    '20240101000000_a.sql': 'create table items (id int constraint items_key unique);\ncreate index items_idx on items (id);\n',
    '20240102000000_b.sql': 'alter table items add constraint items_pk primary key using index items_pk;\ndrop index items_ix;\nalter table items drop constraint items_kye;\ncreate table x (a item);\n',
  });
  assert.deepEqual(findings.map((f) => f.hint), ['did you mean "items_key"?', 'did you mean "items_idx"?', 'did you mean "items_key"?', 'create it in an earlier migration, or fix the name']);
});
