import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = `create table secrets (id int, owner uuid); alter table secrets enable row level security;
  create table open_data (id int);`;

test('view-bypasses-rls: a definer view and a materialized view over an RLS table', () =>
  offendsAndFixes(
    'view-bypasses-rls',
    `${base} create view v as select s.id from secrets s join open_data o on o.id = s.id;
             create materialized view mv as select count(*) from secrets;
             create view fine as select id from open_data;`,
    `${base} create view v with (security_invoker = true) as select s.id from secrets s join open_data o on o.id = s.id;
             create schema private; create materialized view private.mv as select count(*) from secrets;
             create view fine as select id from open_data;`,
    ['public.mv', 'public.v'],
  ));

test('view-bypasses-rls: the revoke its hint asks for settles a materialized view (and a definer view)', () =>
  offendsAndFixes(
    'view-bypasses-rls',
    `${base} create materialized view mv as select count(*) from secrets; create view v as select id from secrets;`,
    `${base} create materialized view mv as select count(*) from secrets; create view v as select id from secrets;
             revoke select on mv from anon, authenticated; revoke all on v from anon, authenticated;`,
    ['public.mv', 'public.v'],
  ));
