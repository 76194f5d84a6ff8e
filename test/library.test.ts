/** The library (`import { inspect, diff, plan, lint, audit } from 'pgdrift'`): the command line's results, from its own package entry. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { audit, diff, inspect, lint, plan } from 'pgdrift';
import { pgdrift } from './helpers/cli.js';
import { tempFiles } from './helpers/temp.js';

const EXAMPLE = 'examples/supabase-app/supabase/migrations';
const json = (args: string[]) => JSON.parse(pgdrift([...args, '--format', 'json']).stdout);

test('inspect, diff, lint and audit give what the command line prints as JSON', async () => {
  const dir = tempFiles({ 'a.sql': 'create table t (id int primary key);\n', 'b.sql': 'create table t (id int primary key, name text not null);\n' });
  const [a, b] = [join(dir, 'a.sql'), join(dir, 'b.sql')];
  assert.deepEqual(JSON.parse(JSON.stringify(await inspect(EXAMPLE))), json(['inspect', EXAMPLE]).schema);
  assert.deepEqual(await diff(a, b), json(['diff', a, b]).changes);
  assert.deepEqual(JSON.parse(JSON.stringify(await lint(EXAMPLE))), json(['lint', EXAMPLE]).findings);
  assert.deepEqual(await audit(EXAMPLE), json(['audit', EXAMPLE]).findings);
});

test('plan is verified on a shadow copy and prints as the command line does', async () => {
  const dir = tempFiles({ 'a.sql': 'create table t (id int primary key);\n', 'b.sql': 'create table t (id int primary key, name text);\n' });
  const r = await plan(join(dir, 'a.sql'), join(dir, 'b.sql'));
  assert.equal(r.verified, true);
  assert.deepEqual(r.remaining, []);
  assert.match(r.sql, /alter table public\.t add column if not exists name text;/);
  const unverified = await plan(join(dir, 'a.sql'), join(dir, 'b.sql'), { verify: false });
  assert.equal(unverified.verified, false);
  assert.deepEqual(unverified.steps, r.steps);
});
