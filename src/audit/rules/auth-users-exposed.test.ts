import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('auth-users-exposed: a view or materialized view in an exposed schema over auth.users, until the API roles lose select', async () => {
  const [f] = await offendsAndFixes(
    'auth-users-exposed',
    'create view public.members as select id, email from auth.users; create materialized view public.emails as select email from auth.users; create schema private; create view private.m as select id from auth.users;',
    'create view public.members as select id, email from auth.users; revoke all on public.members from anon, authenticated; create schema private; create view private.m as select id from auth.users;',
    ['public.emails', 'public.members'],
  );
  assert.equal(f!.severity, 'error');
});
