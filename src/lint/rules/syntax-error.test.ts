import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, lintRule } from '../../../test/helpers/lint.js';

test('syntax-error: located, and the statements around it are still replayed and linted', async () => {
  const files = { '20240101000000_a.sql': 'create table a (id int);\ncreate tabel b (id int);\nalter table a add column x int not null;\n' };
  const { at, findings } = await lintRule('syntax-error', files);
  assert.deepEqual(at, ['20240101000000_a.sql:2:8']);
  assert.match(findings[0]!.message, /syntax error at or near "tabel"/);
  // The statement after the broken one was still replayed: no error about it.
  const all = await lint(files);
  assert.deepEqual(all.filter((f) => f.severity === 'error').map((f) => f.rule), ['syntax-error']);
});

test('syntax-error: none for a file that parses', async () => {
  assert.deepEqual((await lintRule('syntax-error', { '20240101000000_a.sql': 'create table a (id int);' })).at, []);
});
