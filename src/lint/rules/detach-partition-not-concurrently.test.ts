import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('detach-partition-not-concurrently: DETACH PARTITION without CONCURRENTLY; FINALIZE completes a concurrent one', async () => {
  const findings = await lintStatements({ '1_a.sql': 'alter table t detach partition p;\nalter table t detach partition p concurrently;\nalter table t detach partition p finalize;\n' }, { rules: ['detach-partition-not-concurrently'] });
  assert.deepEqual(places(findings), ['1_a.sql:1']);
});
