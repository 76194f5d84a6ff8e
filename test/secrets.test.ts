/**
 * A password never appears in any output: in the URL's user info, as `?password=`, in PGPASSWORD,
 * through a config `${VAR}`, on a failed login and on an unreachable server, in every command and format, on stdout,
 * stderr and in the files pgdrift writes.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, serverUrl, type TestDatabase } from './helpers/servers.js';
import { tempDir } from './helpers/temp.js';

const SECRET = 'Zq9-SeCrEt-7Kx';
const ROLE = 'pgdrift_secret_reader';

describe('secrets', () => {
  let db: TestDatabase;
  let admin: TestDatabase['client'];
  const dir = tempDir('pgdrift-secrets-');
  const file = join(dir, 'schema.sql');
  writeFileSync(file, 'create table t (id int primary key, v text);');

  /** The test database's URL for ROLE, with the password placed as `how` says. */
  const url = (how: 'userinfo' | 'query', password = SECRET) => {
    const u = new URL(db.url);
    u.username = ROLE;
    u.password = how === 'userinfo' ? password : '';
    if (how === 'query') u.searchParams.set('password', password);
    return u.toString();
  };

  before(async () => {
    db = await createDatabase('pg17', 'create table t (id int primary key); create table extra (x int);');
    admin = db.client;
    await admin.query(`create role ${ROLE} login password '${SECRET}'`);
  });
  after(async () => {
    await db.drop();
    const { default: pg } = await import('pg');
    const server = new pg.Client({ connectionString: serverUrl('pg17') });
    await server.connect();
    await server.query(`drop role if exists ${ROLE}`);
    await server.end();
  });

  function assertNoSecret(args: string[], env: Record<string, string> = {}, files: string[] = []): void {
    const r = pgdrift(args, env);
    const everything = [r.stdout, r.stderr, ...files.map((f) => readFileSync(f, 'utf8'))].join('\n');
    assert.ok(!everything.includes(SECRET), `pgdrift ${args.join(' ')} printed the password:\n${everything}`);
    assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `pgdrift ${args.join(' ')} exited ${r.status}`);
  }

  for (const how of ['userinfo', 'query'] as const) {
    test(`a password in the ${how} is never printed, by any command or format`, () => {
      const live = url(how);
      for (const format of ['text', 'json']) assertNoSecret(['inspect', live, '--format', format]);
      assertNoSecret(['inspect', live, '--summary']);
      for (const format of ['text', 'json', 'markdown']) {
        assertNoSecret(['diff', live, file, '--format', format]);
        assertNoSecret(['diff', file, live, '--format', format]);
        assertNoSecret(['audit', live, '--format', format]);
      }
      const out = join(dir, `plan-${how}.sql`);
      assertNoSecret(['plan', live, file, '--out', out], {}, [out]);
      assertNoSecret(['plan', file, live]);
      assertNoSecret(['inspect', url(how, `${SECRET}-wrong`)]);
      assertNoSecret(['inspect', url(how).replace(/:\d+\//, ':1/')]);
    });
  }

  test('a password given in PGPASSWORD is never printed', () => {
    const u = new URL(url('userinfo'));
    u.password = '';
    assertNoSecret(['inspect', u.toString()], { PGPASSWORD: SECRET });
    assertNoSecret(['inspect', u.toString().replace(/:\d+\//, ':1/')], { PGPASSWORD: SECRET });
    assertNoSecret(['diff', u.toString(), file, '--format', 'json'], { PGPASSWORD: SECRET });
  });

  test('a password that comes from a config variable is never printed', () => {
    const config = join(dir, 'pgdrift.config.yaml');
    writeFileSync(config, `sources:\n  prod: \${SECRET_URL}\n  down: \${DOWN_URL}\n  file: ${file}\ncheck:\n  - from: prod\n    to: file\n  - from: down\n    to: file\n`);
    const env = { SECRET_URL: url('query'), DOWN_URL: url('userinfo').replace(/:\d+\//, ':1/') };
    for (const format of ['text', 'json', 'markdown']) assertNoSecret(['check', '--config', config, '--format', format], env);
    assertNoSecret(['diff', 'prod', 'file', '--config', config], env);
  });
});
