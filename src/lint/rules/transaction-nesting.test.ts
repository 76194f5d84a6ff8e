import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

const rules = ['transaction-nesting'];

test('transaction-nesting: BEGIN twice, COMMIT twice; one transaction after another is fine', async () => {
  assert.deepEqual(places(await lintStatements({ '1_a.sql': 'begin;\nbegin;\nselect 1;\ncommit;\ncommit;\n', '2_b.sql': 'begin;\nselect 1;\ncommit;\nbegin;\nselect 2;\ncommit;\n' }, { rules })), ['1_a.sql:2', '1_a.sql:5']);
});

test('transaction-nesting: in a file its tool runs in a transaction, a COMMIT or ROLLBACK of that transaction; its own BEGIN ... COMMIT is fine', async () => {
  // Prisma generates BEGIN ... COMMIT for enum changes: PostgreSQL turns the implicit transaction into that one.
  const findings = await lintStatements({ '1_a.sql': 'begin;\nselect 1;\ncommit;\n', '2_b.sql': 'select 1;\nrollback;\n' }, { rules, assumeInTransaction: true });
  assert.deepEqual(places(findings), ['2_b.sql:2']);
  assert.match(findings[0]!.message, /ROLLBACK ends the transaction the migration tool runs this file in/);
});
