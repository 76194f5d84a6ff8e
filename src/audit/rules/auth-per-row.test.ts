import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = 'create table t (id int, owner uuid, email text); alter table t enable row level security;';

test('auth-per-row: auth.uid() and auth.jwt() called per row, but not inside a sub-select', async () => {
  const [f] = await offendsAndFixes(
    'auth-per-row',
    `${base} create policy own on t for all to authenticated using (owner = auth.uid()) with check (email = auth.jwt() ->> 'email');`,
    `${base} create policy own on t for all to authenticated using (owner = (select auth.uid())) with check (email = (select auth.jwt() ->> 'email'));`,
    ['public.t.own'],
  );
  assert.match(f!.message, /calls auth\.uid\(\), auth\.jwt\(\) for every row/);
  assert.equal(f!.hint, 'wrap each call in a sub-select: (select auth.uid()), (select auth.jwt())');
});
