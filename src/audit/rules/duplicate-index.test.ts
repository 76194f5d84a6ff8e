import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('duplicate-index: the same index twice, and an index that repeats the primary key', () =>
  offendsAndFixes(
    'duplicate-index',
    'create table t (id int primary key, a text); create index t_a on t (a); create index t_a_again on t (a); create unique index t_id on t (id);',
    'create table t (id int primary key, a text); create index t_a on t (a); create index t_a_lower on t (lower(a)); create index t_id_a on t (id, a);',
    ['public.t.t_a_again', 'public.t.t_id'],
  ));
