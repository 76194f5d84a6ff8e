import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('fk-type-mismatch: an integer column referencing a bigint key', async () => {
  const [f] = await offendsAndFixes(
    'fk-type-mismatch',
    'create table a (id bigint primary key); create table b (a_id integer references a);',
    'create table a (id bigint primary key); create table b (a_id bigint references a);',
    ['public.b.b_a_id_fkey'],
  );
  assert.match(f!.message, /column a_id is integer but references public\.a\.id, which is bigint/);
  assert.equal(f!.fix, 'alter table public.b alter column a_id type bigint using a_id::bigint;');
});
