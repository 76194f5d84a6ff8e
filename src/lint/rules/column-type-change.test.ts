import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('column-type-change: a type change that rewrites the table; binary-compatible changes (varchar(n) to text, wider varchar) do not', async () => {
  const { at } = await lintRule('column-type-change', {
    '20240101000000_a.sql': 'create table t (id int, name varchar(50), code varchar(10));\n',
    '20240102000000_b.sql': 'alter table t alter column name type text;\nalter table t alter column code type varchar(20);\nalter table t alter column id type bigint;\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:3:1']);
});
