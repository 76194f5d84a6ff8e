import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('create-index-not-concurrently: on an existing table only', async () => {
  const { at } = await lintRule('create-index-not-concurrently', {
    '20240101000000_a.sql': 'create table t (id int, a int);\ncreate index t_id on t (id);\n',
    '20240102000000_b.sql': 'create index t_a on t (a);\ncreate index concurrently t_a2 on t (a, id);\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1']);
});
