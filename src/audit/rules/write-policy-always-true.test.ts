import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('write-policy-always-true: anyone may upload any file, or insert any row', async () => {
  const found = await offendsAndFixes(
    'write-policy-always-true',
    `create policy "anyone uploads" on storage.objects for insert to anon with check (true);
     create table public.notes (id int, owner uuid); alter table public.notes enable row level security;
     create policy "add notes" on public.notes for insert to authenticated with check (true);
     create policy "read notes" on public.notes for select to authenticated using (true);`,
    `create policy "own folder" on storage.objects for insert to authenticated
       with check (bucket_id = 'avatars' and (select auth.uid())::text = (storage.foldername(name))[1]);
     create table public.notes (id int, owner uuid); alter table public.notes enable row level security;
     create policy "add notes" on public.notes for insert to authenticated with check ((select auth.uid()) = owner);`,
    ['public.notes."add notes"', 'storage.objects."anyone uploads"'],
  );
  assert.match(found[1]!.hint!, /storage\.foldername/);
});

test('write-policy-always-true: a DELETE or UPDATE policy whose USING is always true lets anyone change or delete any row', async () => {
  const found = await offendsAndFixes(
    'write-policy-always-true',
    `create table public.notes (id int, owner uuid); alter table public.notes enable row level security;
     create policy "anyone deletes" on public.notes for delete to authenticated using (true);
     create policy "anyone edits" on public.notes for update to anon using (true) with check (owner = (select auth.uid()));`,
    `create table public.notes (id int, owner uuid); alter table public.notes enable row level security;
     create policy "own deletes" on public.notes for delete to authenticated using (owner = (select auth.uid()));`,
    ['public.notes."anyone deletes"', 'public.notes."anyone edits"'],
  );
  assert.match(found[0]!.message, /lets authenticated delete any row/);
  assert.match(found[1]!.message, /lets anon update any row/);
});
