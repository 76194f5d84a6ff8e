import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('not-idempotent: a file marked idempotent that fails the second time', async () => {
  const { at, findings } = await lintRule('not-idempotent', {
    '20240101000000_seed.sql': '-- idempotent: safe to re-run\ncreate table if not exists t (id int);\ncreate index t_id on t (id);\n',
  });
  assert.deepEqual(at, ['20240101000000_seed.sql:3:1']);
  assert.match(findings[0]!.message, /run a second time, this fails: relation "t_id" already exists/);
});

test('not-idempotent: --idempotent checks every file, including for schema changes on the second run', async () => {
  const files = { '20240101000000_a.sql': "create table if not exists t (id int);\ndo $$ begin execute format('alter table t add column c%s int', (select count(*) from pg_attribute where attrelid = 't'::regclass and attnum > 0)); end $$;\n" };
  assert.deepEqual((await lintRule('not-idempotent', files)).at, [], 'not marked: not checked');
  const { findings } = await lintRule('not-idempotent', files, { idempotent: true });
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /run a second time, the file changes the schema: column public\.t\.c2 \(integer\) is extra/);
});

test('not-idempotent: a truly idempotent file passes', async () => {
  const files = { '20240101000000_a.sql': 'create table if not exists t (id int);\ncreate index if not exists t_id on t (id);\ncreate or replace view v as select id from t;\n' };
  assert.deepEqual((await lintRule('not-idempotent', files, { idempotent: true })).at, []);
});
