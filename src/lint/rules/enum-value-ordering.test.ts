import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('enum-value-ordering (opt-in): ADD VALUE without BEFORE or AFTER; RENAME VALUE is not an addition', async () => {
  const findings = await lintStatements({ '1_a.sql': "alter type e add value 'x';\nalter type e add value if not exists 'y';\nalter type e add value 'z' after 'x';\nalter type e rename value 'x' to 'w';\n" }, { rules: ['enum-value-ordering'] });
  assert.deepEqual(places(findings), ['1_a.sql:1', '1_a.sql:2']);
});
