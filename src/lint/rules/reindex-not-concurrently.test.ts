import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('reindex-not-concurrently: REINDEX without CONCURRENTLY (or with CONCURRENTLY false); REINDEX SYSTEM cannot be concurrent', async () => {
  const findings = await lintStatements({ '1_a.sql': 'reindex index i;\nreindex index concurrently i;\nreindex (concurrently false) table t;\nreindex system db;\nreindex schema s;\n' }, { rules: ['reindex-not-concurrently'] });
  assert.deepEqual(places(findings), ['1_a.sql:1', '1_a.sql:3', '1_a.sql:5']);
});
