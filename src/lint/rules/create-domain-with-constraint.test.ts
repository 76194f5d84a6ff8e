import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('create-domain-with-constraint (opt-in): a domain with a CHECK', async () => {
  assert.deepEqual(places(await lintStatements({ '1_a.sql': 'create domain d as numeric(15,5) check (value > 0);\ncreate domain e as text;\n' }, { rules: ['create-domain-with-constraint'] })), ['1_a.sql:1']);
});
