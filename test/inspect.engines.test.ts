/**
 * Engine independence: the same schema inspected through PGlite (replayed from SQL) and through
 * real PostgreSQL 15 and 17 servers gives byte-identical snapshots, and inspecting twice gives the
 * same bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { toSnapshot } from '../src/model/snapshot.js';
import { loadSource } from '../src/sources/load.js';
import { createDatabase, type TestDatabase } from './helpers/servers.js';

const FIXTURE = 'test/fixtures/every-kind.sql';
const VIEWS = 'test/fixtures/views.sql';

describe('inspection is engine independent', () => {
  const dbs: TestDatabase[] = [];
  let viaPglite: string;

  before(async () => {
    viaPglite = toSnapshot((await loadSource({ kind: 'sql', path: FIXTURE })).schema);
  });
  after(async () => {
    for (const db of dbs) await db.drop();
  });

  for (const server of ['pg15', 'pg17'] as const) {
    test(`PGlite and ${server} give identical snapshots`, async () => {
      const db = await createDatabase(server, readFileSync(FIXTURE, 'utf8'));
      dbs.push(db);
      const live = toSnapshot((await loadSource({ kind: 'live', url: db.url })).schema);
      assert.equal(live, viaPglite);
    });
  }

  for (const server of ['pg15', 'pg17'] as const) {
    test(`view definitions print the same on PGlite and ${server}`, async () => {
      const db = await createDatabase(server, readFileSync(VIEWS, 'utf8'));
      dbs.push(db);
      const live = (await loadSource({ kind: 'live', url: db.url })).schema;
      const shadow = (await loadSource({ kind: 'sql', path: VIEWS })).schema;
      assert.deepEqual(live.views, shadow.views);
      assert.deepEqual(live.materializedViews, shadow.materializedViews);
      assert.equal(live.views.length, 11);
    });
  }

  test('inspecting the same database twice gives the same bytes', async () => {
    const again = toSnapshot((await loadSource({ kind: 'sql', path: FIXTURE })).schema);
    assert.equal(again, viaPglite);
  });

  test('the snapshot covers every object kind of the fixture', () => {
    const schema = JSON.parse(viaPglite).schema;
    const app = (xs: { schema: string }[]) => xs.filter((x) => x.schema === 'app');
    assert.deepEqual(schema.extensions.map((e: { name: string }) => e.name), ['btree_gist', 'citext', 'pgcrypto']);
    assert.equal(app(schema.enums).length, 1);
    assert.equal(app(schema.domains).length, 2);
    assert.equal(app(schema.compositeTypes).length, 1);
    assert.deepEqual(app(schema.sequences).map((s: { name: string }) => s.name), ['invoice_no', 'posts_serial_no_seq']);
    assert.deepEqual(app(schema.tables).map((t: { name: string }) => t.name), [
      'User Accounts', 'base_item', 'bookings', 'events', 'events_2024', 'posts', 'special_item',
    ]);
    assert.equal(app(schema.views).length, 1);
    assert.equal(app(schema.materializedViews).length, 1);
    assert.deepEqual(app(schema.functions).map((f: { name: string }) => f.name), ['add', 'archive_old', 'atomic_sum', 'secret_count', 'touch']);
    assert.deepEqual(app(schema.triggers).map((t: { name: string }) => t.name), ['posts_touch', 'posts_touch_disabled']);
  });
});
