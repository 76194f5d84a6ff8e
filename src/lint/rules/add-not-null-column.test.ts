import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('add-not-null-column: NOT NULL without default on an existing table; fine on a new one or with a default', async () => {
  const { at } = await lintRule('add-not-null-column', {
    '20240101000000_a.sql': 'create table t (id int);\n',
    '20240102000000_b.sql': "alter table t add column a text not null;\nalter table t add column b text not null default '';\ncreate table n (id int);\nalter table n add column c text not null;\n",
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1']);
});
