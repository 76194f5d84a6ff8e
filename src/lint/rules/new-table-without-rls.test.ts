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
