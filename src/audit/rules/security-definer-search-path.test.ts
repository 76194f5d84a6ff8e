import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('security-definer-search-path: SECURITY DEFINER without a fixed search_path', async () => {
  const body = "language sql security definer as $$ select count(*) from public.t $$";
  const [f] = await offendsAndFixes(
    'security-definer-search-path',
    `create table t (id int); create function count_t() returns bigint ${body}; create function ok() returns int language sql as 'select 1';`,
    `create table t (id int); create function count_t() returns bigint ${body} set search_path = ''; create function ok() returns int language sql as 'select 1';`,
    ['public.count_t()'],
  );
  assert.equal(f!.fix, "alter function public.count_t() set search_path = '';");
});
