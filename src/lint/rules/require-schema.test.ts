import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('require-schema (opt-in): CREATE and ALTER TABLE without a schema; temporary tables and qualified names are fine', async () => {
  const findings = await lintStatements({ '1_a.sql': 'create table a (id int);\ncreate table public.b (id int);\ncreate temp table c (id int);\nalter table a add column x int;\ncreate table public.d as select 1;\n' }, { rules: ['require-schema'] });
  assert.deepEqual(places(findings), ['1_a.sql:1', '1_a.sql:4']);
});
