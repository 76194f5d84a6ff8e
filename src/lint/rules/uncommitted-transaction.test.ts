import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

const rules = ['uncommitted-transaction'];

test('uncommitted-transaction: BEGIN or START TRANSACTION without COMMIT', async () => {
  const findings = await lintStatements({ '1_a.sql': 'begin work;\ncreate table a (id int);\n', '2_b.sql': 'start transaction;\nselect 1;\ncommit;\n', '3_c.sql': 'begin;\nbegin;\ncommit;\n' }, { rules });
  assert.deepEqual(places(findings), ['1_a.sql:1']);
});

test('uncommitted-transaction: a file its tool runs in a transaction is committed by the tool', async () => {
  assert.deepEqual(await lintStatements({ '1_a.sql': 'commit;\nvacuum t;\nbegin;\nselect 1;\n' }, { rules, assumeInTransaction: true }), []);
});
