import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const table = 'create table public.notes (id int, owner uuid); alter table public.notes enable row level security;';

test('policy-uses-user-metadata: a policy that reads user_metadata from the JWT, by auth.jwt() or the claims setting', () =>
  offendsAndFixes(
    'policy-uses-user-metadata',
    `${table} create policy admins on public.notes using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');
     create policy claims on public.notes for update using ((current_setting('request.jwt.claims', true)::jsonb -> 'user_metadata' ->> 'admin')::boolean);`,
    `${table} create policy admins on public.notes using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');`,
    ['public.notes.admins', 'public.notes.claims'],
  ));
