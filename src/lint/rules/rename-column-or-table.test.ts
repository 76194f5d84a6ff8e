import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('rename-column-or-table: renames of existing columns and tables', async () => {
  const { at } = await lintRule('rename-column-or-table', {
    '20240101000000_a.sql': 'create table t (id int, a text);\ncreate table u (id int);\n',
    '20240102000000_b.sql': 'alter table t rename column a to b;\nalter table u rename to v;\ncreate table w (x int);\nalter table w rename column x to y;\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1', '20240102000000_b.sql:2:1']);
});
