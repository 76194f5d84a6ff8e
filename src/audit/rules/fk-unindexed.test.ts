import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const base = 'create table users (id int primary key); create table "Posts" (id int primary key, "authorId" int references users, editor int references users);';

test('fk-unindexed: a foreign key without an index that starts with its columns', async () => {
  const found = await offendsAndFixes(
    'fk-unindexed',
    `${base} create index on "Posts" (editor, id);`,
    `${base} create index on "Posts" (editor, id); create index on "Posts" ("authorId" desc);`,
    ['public."Posts"."Posts_authorId_fkey"'],
  );
  assert.equal(found[0]!.fix, 'create index on public."Posts" ("authorId");');
});

test('fk-unindexed: a primary key that starts with the column covers it; a partial index does not', () =>
  offendsAndFixes(
    'fk-unindexed',
    'create table o (id int primary key); create table m (o_id int references o, u int, primary key (u, o_id)); create index on m (o_id) where u > 0;',
    'create table o (id int primary key); create table m (o_id int references o, u int, primary key (o_id, u));',
    ['public.m.m_o_id_fkey'],
  ));
