import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('policy-without-rls: policies on a table whose RLS is off', async () => {
  const [f] = await offendsAndFixes(
    'policy-without-rls',
    'create table t (id int, owner uuid); create policy own on t using (owner = (select auth.uid()));',
    'create table t (id int, owner uuid); create policy own on t using (owner = (select auth.uid())); alter table t enable row level security;',
    ['public.t'],
  );
  assert.match(f!.message, /has 1 policy \(own\) but row level security is disabled/);
});
