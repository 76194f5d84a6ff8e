import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = 'create table t (id int, owner uuid, public_row boolean); alter table t enable row level security;';

test('multiple-permissive: two permissive SELECT policies for authenticated (one of them via FOR ALL)', async () => {
  const found = await offendsAndFixes(
    'multiple-permissive',
    `${base} create policy mine on t for select to authenticated using (owner = (select auth.uid()));
             create policy everything on t for all to authenticated using (public_row);
             create policy only_live on t as restrictive for select to authenticated using (id > 0);`,
    `${base} create policy mine_or_public on t for select to authenticated using (owner = (select auth.uid()) or public_row);
             create policy only_live on t as restrictive for select to authenticated using (id > 0);`,
    ['public.t'],
  );
  assert.match(found[0]!.message, /2 permissive policies for authenticated on SELECT \(everything, mine\)/);
});
