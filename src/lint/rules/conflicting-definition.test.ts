import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

const table = 'create table t (id int, owner text);\ncreate function f() returns trigger language plpgsql as $$ begin return new; end $$;\n';

test('conflicting-definition: the same policy, index or trigger defined again, differently; create or replace function is how a function changes', async () => {
  const { at, findings } = await lintRule('conflicting-definition', {
    '20240101000000_a.sql': `${table}create policy p on t using (owner = current_user);\ncreate index if not exists t_idx on t (id);\ncreate or replace function g() returns int language sql as 'select 1';\n`,
    '20240102000000_b.sql': "create policy if not exists_ on t using (true);\ncreate index if not exists t_idx on t (owner);\ncreate or replace function g() returns int language sql as 'select 2';\n",
  });
  assert.deepEqual(at, ['20240102000000_b.sql:2:1']);
  assert.match(findings[0]!.message, /index public\.t_idx is defined again, differently, after .*20240101000000_a\.sql:4/);
});

test('conflicting-definition: a redefinition after a DROP is how migrations change things', async () => {
  const { at } = await lintRule('conflicting-definition', {
    '20240101000000_a.sql': `${table}create policy p on t using (owner = current_user);\n`,
    '20240102000000_b.sql': 'drop policy p on t;\ncreate policy p on t using (true);\n',
  });
  assert.deepEqual(at, []);
});
