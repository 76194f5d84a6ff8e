import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('duplicate-version: two migrations with one version', async () => {
  const { at, findings } = await lintRule('duplicate-version', { '20240101000000_a.sql': 'select 1;', '20240101000000_b.sql': 'select 1;', '20240102000000_c.sql': 'select 1;' });
  assert.deepEqual(at, ['20240101000000_b.sql:1:1']);
  assert.match(findings[0]!.message, /same version \(20240101000000\) as 20240101000000_a\.sql/);
  assert.deepEqual((await lintRule('duplicate-version', { '20240101000000_a.sql': 'select 1;', '20240101000001_b.sql': 'select 1;' })).at, []);
});
