import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, offendsAndFixes } from '../../../test/helpers/audit.js';

const base = 'create table secrets (id int, owner uuid); alter table secrets enable row level security; create table open_data (id int);';

test('materialized-view-in-api: any materialized view the API roles may select; it says which protected tables it holds', async () => {
  const [secret, open] = await offendsAndFixes(
    'materialized-view-in-api',
    `${base} create materialized view mv as select count(*) from secrets; create materialized view open_mv as select id from open_data;`,
    `${base} create schema private; create materialized view private.mv as select count(*) from secrets; create materialized view open_mv as select id from open_data; revoke select on open_mv from anon, authenticated;`,
    ['public.mv', 'public.open_mv'],
  );
  assert.match(secret!.message, /holds rows of public\.secrets/);
  assert.doesNotMatch(open!.message, /holds rows/);
});

test('materialized-view-in-api: the revoke its hint asks for settles it', async () => {
  assert.deepEqual(await findings('materialized-view-in-api', `${base} create materialized view mv as select count(*) from secrets; revoke select on mv from anon, authenticated;`), []);
});
