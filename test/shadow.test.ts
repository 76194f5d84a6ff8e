/** The PGlite shadow's base-image cache, and real servers as shadows. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { LocatedError } from '../src/errors.js';
import { createPgliteShadow } from '../src/shadow/pglite.js';
import { listDataDir } from '../src/shadow/data-dir.js';
import { createServerShadow } from '../src/shadow/server.js';
import { toSnapshot } from '../src/model/snapshot.js';
import { loadSource } from '../src/sources/load.js';
import { serverUrl } from './helpers/servers.js';
import { tempDir, tempFiles } from './helpers/temp.js';

/** Run with PGDRIFT_CACHE_DIR set to `dir` (a new temporary folder by default), restored after. */
async function withCacheDir<T>(fn: (dir: string) => Promise<T>, dir = tempDir('pgdrift-cache-')): Promise<T> {
  const previous = process.env.PGDRIFT_CACHE_DIR;
  process.env.PGDRIFT_CACHE_DIR = dir;
  try {
    return await fn(dir);
  } finally {
    if (previous === undefined) delete process.env.PGDRIFT_CACHE_DIR;
    else process.env.PGDRIFT_CACHE_DIR = previous;
  }
}

async function authUsersExists(): Promise<boolean> {
  const shadow = await createPgliteShadow({ supabase: true, extensions: [] });
  try {
    const { rows } = await shadow.query("select to_regclass('auth.users') is not null as ok");
    return rows[0]!.ok as boolean;
  } finally {
    await shadow.close();
  }
}

test('the Supabase base image is built once, cached, and reused', async () => {
  await withCacheDir(async (dir) => {
    assert.ok(await authUsersExists());
    const [file] = readdirSync(dir);
    assert.match(file!, /^pglite-.*-supabase-[0-9a-f]{16}\.bin$/);
    const built = statSync(join(dir, file!)).mtimeMs;
    // The image is the data directory and its SHA-256 (64 hex digits); taken after a clean shutdown, it
    // holds the segment of the shutdown checkpoint and at most the next, not the spent and recycled ones.
    const image = readFileSync(join(dir, file!));
    const wal = listDataDir(image.subarray(0, image.length - 64)).filter((f) => /pg_wal\/[0-9A-F]{24}$/.test(f.path));
    assert.ok(wal.length >= 1 && wal.length <= 2, wal.map((f) => f.path).join(', '));
    assert.ok(await authUsersExists());
    assert.equal(statSync(join(dir, file!)).mtimeMs, built, 'the cached image was not rewritten');
  });
});

test('a saved state keeps only the WAL that PostgreSQL still needs, and opens with everything in it', async () => {
  const shadow = await createPgliteShadow({ supabase: false, extensions: [] });
  let image;
  try {
    // About 60 MB of WAL: many segments, all spent once a checkpoint has run.
    await shadow.exec("create table filler as select g, repeat('x', 200) as pad from generate_series(1, 200000) g");
    await shadow.exec('create index on filler (g)');
    image = (await shadow.dump!())!;
  } finally {
    await shadow.close();
  }
  // The segment of the checkpoint's redo point and the current one (the same, or the next): 1 MB each.
  const segments = listDataDir(image.dataDir).filter((f) => /pg_wal\/[0-9A-F]{24}$/.test(f.path));
  assert.ok(segments.length >= 1 && segments.length <= 2, segments.map((f) => f.path).join(', '));
  assert.ok(segments.every((f) => f.size === 2 ** 20));
  assert.throws(() => listDataDir(image.dataDir.subarray(0, image.dataDir.length - 1)), /cut short/);
  const reopened = await createPgliteShadow({ supabase: false, extensions: [], image });
  try {
    assert.deepEqual((await reopened.query('select count(*)::int as n, max(g) as top from filler')).rows, [{ n: 200000, top: 200000 }]);
    await reopened.exec('insert into filler values (200001, $$y$$)');
  } finally {
    await reopened.close();
  }
});

test('a corrupt cached image is replaced, not fatal: not an image, or random bytes inside one', async () => {
  await withCacheDir(async (dir) => {
    assert.ok(await authUsersExists());
    const [file] = readdirSync(dir);
    const path = join(dir, file!);
    const good = readFileSync(path);
    writeFileSync(path, 'not an image');
    assert.ok(await authUsersExists());
    assert.ok(statSync(path).size > 1_000_000);
    const damaged = Buffer.from(good);
    for (let i = 0; i < 4096; i++) damaged[Math.floor(damaged.length / 3) + i] = (i * 37) & 0xff;
    writeFileSync(path, damaged);
    assert.ok(await authUsersExists());
    assert.ok(!readFileSync(path).equals(damaged), 'the damaged image was built again');
  });
});

test('a full disk while the image is saved leaves no partial file behind', async () => {
  await withCacheDir(async (dir) => {
    assert.ok(await authUsersExists());
    const [file] = readdirSync(dir);
    rmSync(join(dir, file!));
    // The image is written to <file>.<pid>.tmp first: point that at /dev/full, where every write fails (ENOSPC).
    symlinkSync('/dev/full', join(dir, `${file}.${process.pid}.tmp`));
    assert.ok(await authUsersExists());
    assert.deepEqual(readdirSync(dir), []);
  });
});

test('an unwritable cache only costs time', async () => {
  const blocker = join(tempDir('pgdrift-cache-'), 'file');
  writeFileSync(blocker, '');
  // A directory below a file cannot be created.
  await withCacheDir(async () => {
    assert.ok(await authUsersExists());
    assert.ok(!existsSync(join(blocker, 'sub')));
  }, join(blocker, 'sub'));
});

describe('a real server as the shadow', () => {
  const serverRoles = async (server: 'pg15' | 'pg17') => {
    const client = new pg.Client({ connectionString: serverUrl(server) });
    await client.connect();
    const { rows } = await client.query('select rolname from pg_roles order by 1');
    await client.end();
    return rows.map((r) => r.rolname as string);
  };
  /**
   * Scratch databases left on the server. Other test files running at the same time make (and drop)
   * their own: one left behind stays, theirs go, so the count is read again until it is 0 (or 30 s pass).
   */
  const shadowDatabases = async (server: 'pg15' | 'pg17' = 'pg17') => {
    const client = new pg.Client({ connectionString: serverUrl(server) });
    await client.connect();
    try {
      for (const until = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 250))) {
        const { rows } = await client.query("select datname from pg_database where datname like 'pgdrift_shadow_%'");
        if (!rows.length || Date.now() > until) return rows.length;
      }
    } finally {
      await client.end();
    }
  };

  test('gives the same model as PGlite and drops its scratch database', async () => {
    const viaServer = await loadSource({ kind: 'sql', path: 'test/fixtures/every-kind.sql' }, { shadow: serverUrl('pg17') });
    const viaPglite = await loadSource({ kind: 'sql', path: 'test/fixtures/every-kind.sql' });
    assert.match(viaServer.engine!, /^PostgreSQL 17/);
    assert.equal(toSnapshot(viaServer.schema), toSnapshot(viaPglite.schema));
    assert.equal(await shadowDatabases(), 0);
  });

  test('replays a Supabase folder against the Supabase base objects', async () => {
    const root = tempDir('pgdrift-srv-');
    mkdirSync(join(root, 'supabase/migrations'), { recursive: true });
    writeFileSync(
      join(root, 'supabase/migrations/20240101000000_notes.sql'),
      `create table notes (id uuid primary key default uuid_generate_v4(), owner uuid references auth.users, body text);
       alter table notes enable row level security;
       create policy own on notes for all to authenticated using (owner = (select auth.uid()));`,
    );
    const s = (await loadSource({ kind: 'migrations', path: join(root, 'supabase/migrations') }, { shadow: serverUrl('pg17') })).schema;
    assert.deepEqual(s.tables.map((t) => `${t.schema}.${t.name}`), ['public.notes']);
    assert.equal(s.tables[0]!.policies[0]!.using, 'owner = (( SELECT auth.uid() AS uid))');
    assert.equal(await shadowDatabases(), 0);
  });

  test('an extension the server lacks and pgdrift has no stand-in for fails with advice, and the scratch database is still dropped', async () => {
    const root = tempFiles({ 'supabase/migrations/20240101000000_gis.sql': 'create table t (id int);\ncreate extension postgis;' }, 'pgdrift-srv-');
    await assert.rejects(
      loadSource({ kind: 'migrations', path: join(root, 'supabase/migrations') }, { shadow: serverUrl('pg15') }),
      (e: unknown) => e instanceof LocatedError && /20240101000000_gis\.sql:2:1: extension "postgis" is not available in the shadow database \(PostgreSQL 15/.test(e.message),
    );
    assert.equal(await shadowDatabases('pg15'), 0);
  });

  test('stand-ins on a server are extensions as on PGlite, and every role the shadow made is dropped after', async () => {
    const spec = { kind: 'migrations' as const, path: 'examples/supabase-app/supabase/migrations' };
    const before = await serverRoles('pg15');
    const viaServer = await loadSource(spec, { shadow: serverUrl('pg15') });
    assert.equal(toSnapshot(viaServer.schema), toSnapshot((await loadSource(spec)).schema));
    assert.ok(viaServer.schema.extensions.some((e) => e.name === 'vector'));
    assert.deepEqual(await serverRoles('pg15'), before);
  });

  test('two shadows on one server take turns, so neither takes the other\'s roles for its own', async () => {
    const options = { supabase: false, extensions: [], roles: ['pgdrift_turns'] };
    const first = await createServerShadow(serverUrl('pg17'), options);
    let secondOpen = false;
    const second = createServerShadow(serverUrl('pg17'), options).then((s) => ((secondOpen = true), s));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(secondOpen, false, 'the second waits while the first is open');
    await first.close();
    const shadow = await second;
    try {
      assert.deepEqual((await shadow.query("select rolname from pg_roles where rolname = 'pgdrift_turns'")).rows, [{ rolname: 'pgdrift_turns' }]);
    } finally {
      await shadow.close();
    }
    assert.ok(!(await serverRoles('pg17')).includes('pgdrift_turns'));
  });

  test('roles that were on the server before are left exactly as they were', async () => {
    const admin = new pg.Client({ connectionString: serverUrl('pg15') });
    await admin.connect();
    try {
      await admin.query("create role authenticator login; alter role authenticator set statement_timeout = '1s'");
      const root = tempFiles({ 'supabase/migrations/20240101000000_roles.sql': "alter role authenticator set statement_timeout = '9s';\ngrant authenticated to authenticator;\ncreate table t (id int);" }, 'pgdrift-srv-');
      const s = (await loadSource({ kind: 'migrations', path: join(root, 'supabase/migrations') }, { shadow: serverUrl('pg15') })).schema;
      assert.ok(s.tables.some((t) => t.name === 't'));
      const { rows } = await admin.query("select rolcanlogin, rolconfig from pg_roles where rolname = 'authenticator'");
      assert.deepEqual(rows, [{ rolcanlogin: true, rolconfig: ['statement_timeout=1s'] }]);
      assert.equal((await admin.query("select 1 from pg_roles where rolname = 'authenticated'")).rows.length, 0);
    } finally {
      await admin.query('drop role if exists authenticator');
      await admin.end();
    }
  });
});
