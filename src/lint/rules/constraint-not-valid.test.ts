import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('constraint-not-valid: a foreign key or check on an existing table without NOT VALID', async () => {
  const { at } = await lintRule('constraint-not-valid', {
    '20240101000000_a.sql': 'create table p (id int primary key);\ncreate table c (id int, p int);\n',
    '20240102000000_b.sql':
      'alter table c add constraint c_p foreign key (p) references p (id);\nalter table c add constraint c_pos check (id > 0) not valid;\nalter table c validate constraint c_pos;\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1']);
});
