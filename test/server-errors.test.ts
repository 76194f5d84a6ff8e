/**
 * Conditions of the server or the user's environment read as such, with what to do, never as
 * "unexpected error … please report it": a role that cannot read the catalog, a malformed URL, a
 * libpq sslmode (no warning from the driver), a TypeScript config with a syntax error.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, serverUrl } from './helpers/servers.js';
import { tempDir } from './helpers/temp.js';

describe('errors of the environment', () => {
  test('a role that cannot read a catalog table is told so', async () => {
    const db = await createDatabase('pg17', "create role pgdrift_no_catalog login password 'x'; revoke select on pg_catalog.pg_policy from public;");
    try {
      const u = new URL(db.url);
      [u.username, u.password] = ['pgdrift_no_catalog', 'x'];
      const r = pgdrift(['inspect', u.toString()]);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /^pgdrift: the role pgdrift connects to postgres:\/\/pgdrift_no_catalog:\*\*\*@\S+ as cannot read the catalog \(permission denied for table pg_policy\): connect as a role that can read the system catalogs\n$/);
    } finally {
      await db.drop();
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: serverUrl('pg17') });
      await admin.connect();
      await admin.query('drop role if exists pgdrift_no_catalog');
      await admin.end();
    }
  });

  test('a malformed URL is bad input, its password masked whatever its characters', () => {
    const r = pgdrift(['inspect', 'postgres://me:p@ss:w/rd@db.example.com:port/app']);
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, /unexpected error|ss:w|rd@/);
    assert.match(r.stderr, /^pgdrift: cannot connect to postgres:\/\/me:\*\*\*@db\.example\.com:port\/app: .*percent-encoded\)\?\n$/);
  });

  test('sslmode in a URL means what libpq means, and the driver prints no warning', () => {
    const url = `${serverUrl('pg17')}?sslmode=require`;
    const r = pgdrift(['inspect', url]);
    assert.equal(r.status, 2, 'the test server has no TLS, which sslmode=require refuses');
    assert.doesNotMatch(r.stderr, /WARNING/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(pgdrift(['inspect', `${serverUrl('pg17')}?sslmode=disable`]).status, 0);
  });

  test('a TypeScript config with a syntax error is located', () => {
    const dir = tempDir('pgdrift-config-');
    const config = join(dir, 'pgdrift.config.ts');
    writeFileSync(config, "export default {\n  check: [ { from: 'a', to: 'b' ] };\n");
    const r = pgdrift(['check', '--config', config]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pgdrift\.config\.ts:2:33: cannot read the config: Expected "}" but found "]"/);
  });
});
