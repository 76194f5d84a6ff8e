import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('rls-no-policy: RLS enabled but no policy', () =>
  offendsAndFixes(
    'rls-no-policy',
    'create table t (id int); alter table t enable row level security;',
    'create table t (id int); alter table t enable row level security; create policy r on t for select to authenticated using (true);',
    ['public.t'],
  ));
