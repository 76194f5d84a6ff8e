import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('no-primary-key: a table without a primary key, in any schema of the project; partitions are their parent\'s', async () => {
  const [f] = await offendsAndFixes(
    'no-primary-key',
    'create table public.events (at timestamptz); create schema app; create table app.log (line text); create table public.keyed (id int primary key);',
    'create table public.events (id bigint primary key, at timestamptz); create schema app; create table app.log (id bigint primary key, line text);',
    ['app.log', 'public.events'],
  );
  assert.equal(f!.severity, 'info');
});
