import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('function-search-path-mutable: a function without a fixed search_path (SECURITY DEFINER ones are the stronger rule\'s)', async () => {
  const [f] = await offendsAndFixes(
    'function-search-path-mutable',
    "create function public.add(a int, b int) returns int language sql as $$ select a + b $$; create function public.d() returns int language sql security definer as $$ select 1 $$;",
    "create function public.add(a int, b int) returns int language sql set search_path = '' as $$ select a + b $$; create function public.d() returns int language sql security definer as $$ select 1 $$;",
    ['public.add(a integer, b integer)'],
  );
  assert.equal(f!.fix, "alter function public.add(a integer, b integer) set search_path = '';");
});
