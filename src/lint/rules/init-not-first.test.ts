import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('init-not-first: an init migration that does not come first', async () => {
  assert.deepEqual(
    (await lintRule('init-not-first', { '20240101000000_users.sql': 'select 1;', '20240201000000_init.sql': 'select 1;' })).at,
    ['20240201000000_init.sql:1:1'],
  );
  assert.deepEqual((await lintRule('init-not-first', { '20240101000000_init.sql': 'select 1;', '20240201000000_users.sql': 'select 1;' })).at, []);
});
