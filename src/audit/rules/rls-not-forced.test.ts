import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, offendsAndFixes } from '../../../test/helpers/audit.js';

test('rls-not-forced: only where the config asks for it', async () => {
  const sql = 'create table billing (id int); alter table billing enable row level security; create table other (id int);';
  assert.deepEqual(await findings('rls-not-forced', sql), []);
  const [f] = await offendsAndFixes('rls-not-forced', sql, `${sql} alter table billing force row level security;`, ['public.billing'], { forceRls: ['public.bill*'] });
  assert.equal(f!.fix, 'alter table public.billing force row level security;');
});
