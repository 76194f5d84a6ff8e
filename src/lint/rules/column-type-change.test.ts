import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('column-type-change: ALTER COLUMN TYPE on an existing table', async () => {
  const { at } = await lintRule('column-type-change', {
    '20240101000000_a.sql': 'create table t (id int, n int);\nalter table t alter column n type bigint;\n',
    '20240102000000_b.sql': 'alter table t alter column id type bigint;\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1']);
});
