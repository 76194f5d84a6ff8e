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

test('tenant-not-isolated: any of the tenant columns counts, and rows owned by one user are isolated', () =>
  offendsAndFixes(
    'tenant-not-isolated',
    `create table boards (id int, account_id uuid, team_id uuid, title text); alter table boards enable row level security;
     create policy r on boards for select to authenticated using (title is not null);
     create table drafts (id int, team_id uuid, user_id uuid); alter table drafts enable row level security;
     create policy mine on drafts for all to authenticated using (user_id = (select auth.uid()));`,
    `create table boards (id int, account_id uuid, team_id uuid, title text); alter table boards enable row level security;
     create policy r on boards for select to authenticated using (team_id = '00000000-0000-0000-0000-000000000000');
     create table drafts (id int, team_id uuid, user_id uuid); alter table drafts enable row level security;
     create policy mine on drafts for all to authenticated using (user_id = (select auth.uid()));`,
    ['public.boards'],
  ));
