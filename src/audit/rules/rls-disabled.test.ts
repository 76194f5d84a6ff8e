import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, offendsAndFixes } from '../../../test/helpers/audit.js';

test('rls-disabled: an exposed table without RLS, with the SQL that fixes it', async () => {
  const [f] = await offendsAndFixes(
    'rls-disabled',
    'create table public."Notes" (id int); create schema private; create table private.n (id int);',
    'create table public."Notes" (id int); alter table public."Notes" enable row level security; create schema private; create table private.n (id int);',
    ['public."Notes"'],
  );
  assert.equal(f!.severity, 'error');
  assert.equal(f!.fix, 'alter table public."Notes" enable row level security;');
});

test('rls-disabled: the exposed schemas are configurable', async () => {
  const found = await findings('rls-disabled', 'create schema api; create table api.t (id int);', { exposedSchemas: ['api'] });
  assert.deepEqual(found.map((f) => f.object), ['api.t']);
});

test('rls-disabled: a table the API roles were never granted, or had their grants revoked on, is not reachable', async () => {
  const found = await findings(
    'rls-disabled',
    `create table public.internal (id int); revoke all on public.internal from anon, authenticated;
     create table public.col_only (id int, name text); revoke all on public.col_only from anon, authenticated; grant select (name) on public.col_only to anon;
     create table public.open (id int);`,
  );
  assert.deepEqual(found.map((f) => f.object), ['public.col_only', 'public.open']);
});
