import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, lintRule } from '../../../test/helpers/lint.js';

test('missing-semicolon: said in those words, at the end of the line that lacks it; both statements still run', async () => {
  const files = { '20240101000000_a.sql': 'create table items (id int primary key)\n\ncreate table other (id int);\nalter table items add column x int;\n' };
  const { at, findings } = await lintRule('missing-semicolon', files);
  assert.deepEqual(at, ['20240101000000_a.sql:1:40']);
  assert.match(findings[0]!.message, /^missing semicolon: the statement ending here runs together with the "create" statement on line 3/);
  const all = await lint(files);
  assert.deepEqual(all.filter((f) => f.severity === 'error').map((f) => f.rule), ['missing-semicolon']);
});

test('missing-semicolon: a different syntax error is not called a missing semicolon', async () => {
  assert.deepEqual((await lintRule('missing-semicolon', { '20240101000000_a.sql': 'create table a (id int,);' })).at, []);
});
