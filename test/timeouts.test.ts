/**
 * Bounded by default: a migration that runs too long on PGlite or a server shadow, and a live inspection that
 * waits behind another session's lock, end with a clear message (exit 2) instead of a hang; a live
 * inspection that meets DDL committing under it reads again or says what happened.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { UserError } from '../src/errors.js';
import { loadSource } from '../src/sources/load.js';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, serverUrl } from './helpers/servers.js';
import { tempFiles } from './helpers/temp.js';

describe('timeouts', () => {
  test('a statement that runs longer than --statement-timeout on a server shadow fails at its file and line', () => {
    const folder = join(tempFiles({ 'migrations/001_slow.sql': 'create table a (id int);\nselect pg_sleep(30);\n' }), 'migrations');
    const started = Date.now();
    const r = pgdrift(['inspect', folder, '--shadow', serverUrl('pg17'), '--statement-timeout', '1']);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /001_slow\.sql:2:1: the statement ran longer than the statement timeout allows: fix it, or raise --statement-timeout/);
    assert.ok(Date.now() - started < 20_000, 'it did not wait for the statement');
  });

  test('on PGlite too: a statement that never ends (an endless loop, a long sleep) is stopped at the timeout', () => {
    for (const stuck of ['do $$ begin loop perform 1; end loop; end $$;', 'select pg_sleep(1e6);']) {
      const folder = join(tempFiles({ 'migrations/001_stuck.sql': `create table a (id int);\n${stuck}\n` }), 'migrations');
      const started = Date.now();
      const r = pgdrift(['inspect', folder, '--statement-timeout', '1']);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /001_stuck\.sql:2:1: the statement ran longer than the statement timeout allows: fix it, or raise --statement-timeout/);
      assert.ok(Date.now() - started < 20_000, 'it did not wait for the statement');
    }
  });

  test('a live inspection behind an exclusive lock gives up after --lock-timeout and says why', async () => {
    const db = await createDatabase('pg17', 'create table t (id int primary key); create view v as select id from t;');
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('begin; lock table t, v in access exclusive mode');
      const r = pgdrift(['inspect', db.url, '--lock-timeout', '1']);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /^pgdrift: inspecting postgres:\/\/postgres:\*\*\*@[^ ]+ waited more than 1 s for a lock another session holds .*raise --lock-timeout\n$/);
    } finally {
      await holder.end();
      await db.drop();
    }
  });

  test('DDL committing during a live inspection: the inspection reads again, or fails saying so', async () => {
    const db = await createDatabase('pg17', 'create table base (id int primary key);');
    const ddl = new pg.Client({ connectionString: db.url });
    await ddl.connect();
    let running = true;
    const churn = (async () => {
      for (let i = 0; running; i++) {
        await ddl.query(`create table churn_${i} (id int primary key, v text); create index on churn_${i} (v); create view churn_v_${i} as select * from churn_${i}`);
        await ddl.query(`drop view churn_v_${i}; drop table churn_${i}`);
      }
    })();
    try {
      for (let i = 0; i < 15; i++) {
        try {
          const { schema } = await loadSource({ kind: 'live', url: db.url });
          assert.ok(schema.tables.some((t) => t.name === 'base'));
        } catch (e) {
          assert.ok(e instanceof UserError && /changed while it was read/.test(e.message), String(e));
        }
      }
    } finally {
      running = false;
      await churn;
      await ddl.end();
      await db.drop();
    }
  });
});
