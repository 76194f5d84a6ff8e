import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, lintStatements, places } from '../../../test/helpers/lint.js';

const rules = ['concurrently-in-transaction'];
const file = 'create index concurrently i on t (a);\nbegin;\ncreate index concurrently j on t (a);\ncommit;\n';

test('concurrently-in-transaction: inside BEGIN ... COMMIT', async () => {
  assert.deepEqual(places(await lintStatements({ '1_a.sql': file }, { rules })), ['1_a.sql:3']);
});

test('concurrently-in-transaction: a file its tool runs in one transaction, unless it says it runs outside one or commits first', async () => {
  assert.deepEqual(places(await lintStatements({ '1_a.sql': file }, { rules, assumeInTransaction: true })), ['1_a.sql:1', '1_a.sql:3']);
  assert.deepEqual(places(await lintStatements({ '1_a.sql': '-- pgdrift-no-transaction\n' + file }, { rules, assumeInTransaction: true })), ['1_a.sql:4']);
  assert.deepEqual(places(await lintStatements({ '1_a.sql': 'commit;\nvacuum t;\nbegin;\n' }, { rules, assumeInTransaction: true })), []);
});

test('concurrently-in-transaction: on for Supabase folders by default, and PostgreSQL\'s own refusal is not reported twice', async () => {
  const all = await lint({
    '20240101000000_a.sql': 'create table t (a int);\n',
    '20240102000000_b.sql': 'begin;\ncreate index concurrently i on t (a);\ncommit;\ncreate index concurrently j on t (a);\n',
    '20240103000000_c.sql': 'create index concurrently k on t (a);\ncreate index concurrently l on t (a);\n',
    // A file of one statement runs outside a transaction, with the CLI as with Prisma.
    '20240104000000_d.sql': 'create index concurrently m on t (a);\n',
  });
  const findings = all.filter((f) => !f.file.endsWith('_a.sql'));
  // After the file's COMMIT the CLI's transaction is over: line 4 of b runs outside one.
  assert.deepEqual(findings.map((f) => `${f.file.slice(-5)}:${f.rule}:${f.line}`), ['b.sql:concurrently-in-transaction:2', 'c.sql:concurrently-in-transaction:1', 'c.sql:concurrently-in-transaction:2']);
  assert.match(findings[0]!.message, /this one is inside BEGIN \.\.\. COMMIT/);
  assert.match(findings[2]!.message, /the Supabase CLI runs this file in one transaction/);
});
