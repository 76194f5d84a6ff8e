import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('constraint-not-valid: a foreign key or check on an existing table without NOT VALID', async () => {
  const { at } = await lintRule('constraint-not-valid', {
    '20240101000000_a.sql': 'create table p (id int primary key);\ncreate table c (id int, p int);\n',
    '20240102000000_b.sql':
      'alter table c add constraint c_p foreign key (p) references p (id);\nalter table c add constraint c_pos check (id > 0) not valid;\nalter table c validate constraint c_pos;\n',
  });
  // Line 3 validates in the transaction the Supabase CLI runs the file in, the one that added it.
  assert.deepEqual(at, ['20240102000000_b.sql:1:1', '20240102000000_b.sql:3:1']);
});

test('constraint-not-valid: a foreign key inline in ADD COLUMN; a NOT VALID constraint validated in the transaction that added it', async () => {
  const setup = { '20240101000000_a.sql': 'create table p (id int primary key);\ncreate table c (id int, p int);\n' };
  const { at, findings } = await lintRule('constraint-not-valid', {
    ...setup,
    '20240102000000_b.sql': 'begin;\nalter table c add column q int references p (id);\nalter table c add constraint c_p foreign key (p) references p (id) not valid;\nalter table c validate constraint c_p;\ncommit;\n',
  }, { folder: 'db/migrations' });
  assert.deepEqual(at, ['20240102000000_b.sql:2:1', '20240102000000_b.sql:4:1']);
  assert.match(findings[1]!.message, /validated in the same transaction that added it NOT VALID/);
  // The Supabase CLI runs each file in one transaction: the same two statements without BEGIN are one transaction too.
  const supabase = await lintRule('constraint-not-valid', { ...setup, '20240102000000_b.sql': 'alter table c add constraint c_p foreign key (p) references p (id) not valid;\nalter table c validate constraint c_p;\n' });
  assert.deepEqual(supabase.at, ['20240102000000_b.sql:2:1']);
});
