import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('drop-column-or-table: dropping a table or a column of an existing table', async () => {
  const { at, findings } = await lintRule('drop-column-or-table', {
    '20240101000000_a.sql': 'create table t (id int, old text);\ncreate table legacy (id int);\n',
    '20240102000000_b.sql': 'alter table t drop column old;\ndrop table legacy;\nalter table t add column x int;\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1', '20240102000000_b.sql:2:1']);
  assert.deepEqual(findings.map((f) => f.object), ['public.t.old', 'public.legacy']);
});
