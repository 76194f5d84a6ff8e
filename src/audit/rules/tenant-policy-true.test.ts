import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = 'create table projects (id int, tenant_id uuid); alter table projects enable row level security;';

test('tenant-policy-true: USING (true) for authenticated on a tenant table', () =>
  offendsAndFixes(
    'tenant-policy-true',
    `${base} create policy "all projects" on projects for select to authenticated using (true);`,
    `${base} create policy "own tenant" on projects for select to authenticated using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);`,
    ['public.projects."all projects"'],
  ));
