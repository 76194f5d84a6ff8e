import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

const file = { '1_a.sql': 'vacuum full t;\ncluster t;\nvacuum (full false) t;\nvacuum analyze t;\n' };

test('prefer-repack: VACUUM FULL and CLUSTER on PostgreSQL 19+, where REPACK exists', async () => {
  assert.deepEqual(places(await lintStatements(file, { rules: ['prefer-repack'], pgVersion: 19 })), ['1_a.sql:1', '1_a.sql:2']);
  assert.deepEqual(await lintStatements(file, { rules: ['prefer-repack'], pgVersion: 17 }), []);
});
