/** Inspection reads in one read-only transaction, and works where writing is impossible. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { readCatalog, type Queryable } from '../src/inspect/inspect.js';
import { loadSource } from '../src/sources/load.js';
import { timeoutSettings } from '../src/sources/timeouts.js';
import { createDatabase } from './helpers/servers.js';

test('every catalog query runs inside one read-only transaction that is rolled back, its timeouts set only there', async () => {
  const pg = await PGlite.create();
  const seen: string[] = [];
  const recording: Queryable = {
    query: async (sql, params) => {
      seen.push(sql.trim().split(/\s+/).slice(0, 3).join(' ').toLowerCase());
      return { rows: (await pg.query<Record<string, unknown>>(sql, params)).rows };
    },
  };
  try {
    await readCatalog(recording, undefined, timeoutSettings({ statement: 60, lock: 5 }, true));
  } finally {
    await pg.close();
  }
  assert.equal(seen[0], 'begin transaction isolation');
  assert.equal(seen.at(-1), 'rollback');
  for (const s of seen.slice(1, -1)) assert.match(s, /^(with ns as|set local (search_path|statement_timeout|lock_timeout))/);
  assert.ok(seen.includes('set local statement_timeout') && seen.includes('set local lock_timeout'));
  assert.ok(seen.length >= 10, 'a handful of batched queries, not one per table');
});

test('a live database whose sessions are read-only can still be inspected', async () => {
  const db = await createDatabase('pg15', 'create table t (id int primary key)');
  try {
    await db.client.query('select 1');
    const name = new URL(db.url).pathname.slice(1);
    await db.client.query(`alter database ${name} set default_transaction_read_only = on`);
    const s = (await loadSource({ kind: 'live', url: db.url })).schema;
    assert.deepEqual(s.tables.map((t) => t.name), ['t']);
  } finally {
    await db.drop();
  }
});
