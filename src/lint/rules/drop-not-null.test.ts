import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('drop-not-null: on an existing table, not on one the file creates', async () => {
  const findings = await lintStatements({ '1_a.sql': 'alter table t alter column c drop not null;\ncreate table n (c int not null);\nalter table n alter column c drop not null;\n' }, { rules: ['drop-not-null'] });
  assert.deepEqual(places(findings), ['1_a.sql:1']);
});
