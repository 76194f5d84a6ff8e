import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('require-lock-timeout and require-statement-timeout: each setting before the first statement that takes a lock', async () => {
  const files = {
    '1_a.sql': 'alter table t add column c int;\nset lock_timeout = 1;\n',
    '2_b.sql': "SET Lock_Timeout = '1s';\nset statement_timeout = '5s';\nalter table t add column c int;\n",
    '3_c.sql': "set statement_timeout = '5s';\ncomment on column t.c is 'x';\n",
    '4_d.sql': 'select * from t;\n',
  };
  assert.deepEqual(places(await lintStatements(files, { rules: ['require-lock-timeout'] })), ['1_a.sql:1', '3_c.sql:2']);
  assert.deepEqual(places(await lintStatements(files, { rules: ['require-statement-timeout'] })), ['1_a.sql:1']);
});

test('the timeout rules are opt-in', async () => {
  assert.deepEqual((await lintStatements({ '1_a.sql': 'alter table t add column c int;\n' })).filter((f) => f.rule.startsWith('require-')), []);
});
