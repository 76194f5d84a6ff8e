import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = `create table secrets (id int, owner uuid); alter table secrets enable row level security;
  create table open_data (id int);`;

test('view-bypasses-rls: a definer view over an RLS table, or over a table in a schema the API does not expose', () =>
  offendsAndFixes(
    'view-bypasses-rls',
    `${base} create view v as select s.id from secrets s join open_data o on o.id = s.id;
             create schema private; create table private.keys (id int); create view k as select * from private.keys;
             create view fine as select id from open_data;`,
    `${base} create view v with (security_invoker = true) as select s.id from secrets s join open_data o on o.id = s.id;
             create schema private; create table private.keys (id int); create view k with (security_invoker = true) as select * from private.keys;
             create view fine as select id from open_data;`,
    ['public.k', 'public.v'],
  ));

test('view-bypasses-rls: the revoke its fix allows for settles a definer view', () =>
  offendsAndFixes(
    'view-bypasses-rls',
    `${base} create view v as select id from secrets;`,
    `${base} create view v as select id from secrets; revoke all on v from anon, authenticated;`,
    ['public.v'],
  ));
