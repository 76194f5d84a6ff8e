import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('identifier-too-long: names over 63 bytes, counted in UTF-8, quoted or not; the name PostgreSQL keeps is shown', async () => {
  const long = 'a'.repeat(64);
  const findings = await lintStatements({
    '1_a.sql': `create table ${long} (id int);\ncreate table "${'é'.repeat(32)}" (id int);\ncreate table "${'é'.repeat(31)}" (id int);\ncreate table short (id int);\n`,
  }, { rules: ['identifier-too-long'] });
  assert.deepEqual(places(findings), ['1_a.sql:1', '1_a.sql:2']);
  assert.match(findings[0]!.message, new RegExp(`really named "${'a'.repeat(63)}"`));
  assert.match(findings[1]!.message, /64 bytes/);
});
