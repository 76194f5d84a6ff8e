import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

const rules = ['prefer-robust-statements'];

test('prefer-robust-statements (opt-in): statements that fail or act twice when the file is run again', async () => {
  const findings = await lintStatements({
    '1_a.sql': [
      'create table a (id int);',
      'create table if not exists b (id int);',
      'create index on a (id);',
      'create index a_i on a (id);',
      'drop index concurrently a_j;',
      'alter table a add column if not exists x int;',
      'alter table a drop constraint if exists a_u;',
      'alter table a add constraint a_u unique (id);',
      'alter table a add constraint a_u unique (id);',
      'alter table a enable row level security;',
      'create temp table t (id int) on commit drop;',
      '',
    ].join('\n'),
  }, { rules });
  assert.deepEqual(places(findings), ['1_a.sql:1', '1_a.sql:4', '1_a.sql:5', '1_a.sql:9', '1_a.sql:10']);
});

test('prefer-robust-statements: a file of one statement, and statements in a transaction, are atomic', async () => {
  assert.deepEqual(await lintStatements({ '1_a.sql': 'create table a (id int);\n', '2_b.sql': 'begin;\ncreate table b (id int);\ncommit;\n' }, { rules }), []);
  assert.deepEqual(await lintStatements({ '1_a.sql': 'create table a (id int);\ncreate table b (id int);\n' }, { rules, assumeInTransaction: true }), []);
});
