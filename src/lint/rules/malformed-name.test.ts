import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('malformed-name: Supabase names must be <14-digit timestamp>_<name>.sql', async () => {
  const { at } = await lintRule('malformed-name', { '20240101000000_ok.sql': 'select 1;', '2024_short.sql': 'select 1;', 'no_version.sql': 'select 1;' });
  assert.deepEqual(at.sort(), ['2024_short.sql:1:1', 'no_version.sql:1:1']);
});

test('malformed-name: in a plain folder, an unversioned file among versioned ones', async () => {
  const { at } = await lintRule('malformed-name', { '001_a.sql': 'select 1;', 'fix.sql': 'select 1;' }, { folder: 'db' });
  assert.deepEqual(at, ['fix.sql:1:1']);
  assert.deepEqual((await lintRule('malformed-name', { '001_a.sql': 'select 1;', '002_b.sql': 'select 1;' }, { folder: 'db' })).at, []);
});
