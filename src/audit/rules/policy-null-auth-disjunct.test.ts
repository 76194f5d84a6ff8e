import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasNullAuthDisjunct } from './policy-null-auth-disjunct.js';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('policy-null-auth-disjunct: a read policy true for every caller without a session', () =>
  offendsAndFixes(
    'policy-null-auth-disjunct',
    `create table public.notes (id int, owner uuid); alter table public.notes enable row level security;
     create policy mine on public.notes for select using (auth.uid() is null or owner = (select auth.uid()));
     create policy writes on public.notes for update using (auth.uid() is null or owner = auth.uid());`,
    `create table public.notes (id int, owner uuid); alter table public.notes enable row level security;
     create policy mine on public.notes for select using (auth.uid() is not null and owner = (select auth.uid()));`,
    ['public.notes.mine'],
  ));

test('policy-null-auth-disjunct: only a top-level OR with the null check of a function that is NULL for anonymous callers', () => {
  assert.equal(hasNullAuthDisjunct("auth.uid() IS NULL OR owner = auth.uid()"), true);
  assert.equal(hasNullAuthDisjunct("NOT (auth.jwt() IS NOT NULL) OR x"), true);
  assert.equal(hasNullAuthDisjunct("current_setting('request.jwt.claim.sub', true) IS NULL OR x"), true);
  assert.equal(hasNullAuthDisjunct("current_setting('request.jwt.claim.sub') IS NULL OR x"), false);
  assert.equal(hasNullAuthDisjunct("x AND (auth.uid() IS NULL OR y)"), false);
  assert.equal(hasNullAuthDisjunct("owner IS NULL OR owner = auth.uid()"), false);
});
