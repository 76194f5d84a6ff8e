import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = `create table members (organization_id uuid, user_id uuid);
  create table projects (id int, organization_id uuid, name text); alter table projects enable row level security;`;

test('tenant-not-isolated: policies that never reference the tenant column', () =>
  offendsAndFixes(
    'tenant-not-isolated',
    `${base} create policy read on projects for select to authenticated using (name is not null);`,
    `${base} create policy read on projects for select to authenticated
       using (organization_id in (select m.organization_id from members m where m.user_id = (select auth.uid())));`,
    ['public.projects'],
  ));

test('tenant-not-isolated: the tenant column names are configurable', () =>
  offendsAndFixes(
    'tenant-not-isolated',
    'create table docs (id int, club_id int, body text); alter table docs enable row level security; create policy r on docs for select using (body <> \'\');',
    'create table docs (id int, club_id int, body text); alter table docs enable row level security; create policy r on docs for select using (club_id = 1);',
    ['public.docs'],
    { tenantColumns: ['club_id'] },
  ));
