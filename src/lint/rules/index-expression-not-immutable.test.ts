import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('index-expression-not-immutable: an expression index over a stable function', async () => {
  const { at } = await lintRule('index-expression-not-immutable', {
    '20240101000000_a.sql': 'create table e (at timestamptz);\ncreate index e_day on e ((at::date));\n',
  });
  assert.deepEqual(at, ['20240101000000_a.sql:2:1']);
  const fixed = await lintRule('index-expression-not-immutable', {
    '20240101000000_a.sql': "create table e (at timestamptz);\ncreate index e_day on e (((at at time zone 'UTC')::date));\n",
  });
  assert.deepEqual(fixed.at, []);
});
