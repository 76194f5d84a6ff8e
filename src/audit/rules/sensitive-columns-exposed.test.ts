import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('sensitive-columns-exposed: an exposed table without RLS with credential or personal columns, named whatever the case', async () => {
  const [f] = await offendsAndFixes(
    'sensitive-columns-exposed',
    'create table public.accounts (id int, "Password" text, api_key text, email text); create table public.posts (id int, title text);',
    'create table public.accounts (id int, "Password" text, api_key text, email text); alter table public.accounts enable row level security; create table public.posts (id int, title text);',
    ['public.accounts'],
  );
  assert.match(f!.message, /"Password", api_key/);
});
