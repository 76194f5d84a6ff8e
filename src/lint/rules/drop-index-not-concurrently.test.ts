import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('drop-index-not-concurrently: DROP INDEX without CONCURRENTLY; other drops are not about indexes', async () => {
  const findings = await lintStatements({ '1_a.sql': 'drop index i;\ndrop index concurrently if exists j;\ndrop trigger if exists t on foo;\ndrop index a, b;\n' }, { rules: ['drop-index-not-concurrently'] });
  assert.deepEqual(places(findings), ['1_a.sql:1', '1_a.sql:4']);
});
