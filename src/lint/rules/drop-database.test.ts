import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('drop-database: DROP DATABASE in a migration', async () => {
  assert.deepEqual(places(await lintStatements({ '1_a.sql': 'drop database if exists old;\ndrop table t;\n' }, { rules: ['drop-database'] })), ['1_a.sql:1']);
});
