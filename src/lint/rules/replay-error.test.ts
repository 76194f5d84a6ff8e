import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('replay-error: every failing statement, in every file, each at its own line; transactions recover on a savepoint', async () => {
  const { at, findings } = await lintRule('replay-error', {
    '20240101000000_a.sql': 'create table a (id int primary key);\ninsert into a values (1);\ninsert into a values (1);\n',
    '20240102000000_b.sql': 'begin;\ncreate table b (id int);\ncreate table b (id int);\ncreate table c (id int references b (id));\ncommit;\n',
  });
  assert.deepEqual(at, ['20240101000000_a.sql:3:1', '20240102000000_b.sql:3:1', '20240102000000_b.sql:4:1']);
  assert.match(findings[0]!.message, /duplicate key value violates unique constraint "a_pkey"/);
  assert.match(findings[1]!.message, /relation "b" already exists/);
  assert.match(findings[2]!.message, /there is no unique constraint matching given keys for referenced table "b"/);
});

test('replay-error: none when everything runs', async () => {
  assert.deepEqual((await lintRule('replay-error', { '20240101000000_a.sql': 'create table a (id int);' })).at, []);
});
