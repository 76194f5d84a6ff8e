import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('truncate-cascade: TRUNCATE ... CASCADE, not a plain TRUNCATE', async () => {
  const findings = await lintStatements({ '1_a.sql': 'truncate a, b cascade;\ntruncate a;\n' }, { rules: ['truncate-cascade'] });
  assert.deepEqual(places(findings), ['1_a.sql:1']);
  assert.match(findings[0]!.message, /public\.a, public\.b/);
});
