import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('table-rewrite: what PostgreSQL rewrites on replay is flagged; a constant default, a new table and a nullable column are not', async () => {
  const { at, findings } = await lintRule('table-rewrite', {
    '20240101000000_a.sql': 'create table t (id int);\ncreate table u (id int);\n',
    '20240102000000_b.sql': [
      'alter table t add column a int default 0;',
      'alter table t add column b double precision default random();',
      'alter table t add column c int generated always as (id * 2) stored;',
      'alter table t add column d text;',
      'alter table u set unlogged;',
      'create table n (id int);',
      'alter table n add column r double precision default random();',
      '',
    ].join('\n'),
  });
  assert.deepEqual(at, ['20240102000000_b.sql:2:1', '20240102000000_b.sql:3:1', '20240102000000_b.sql:5:1']);
  assert.match(findings[0]!.message, /rewrites every row of public\.t/);
});
