/**
 * The replay cache, as loading a migrations folder uses it: an unchanged folder gives its model from the
 * cache, a new or edited newest migration replays only that file, a damaged entry is rebuilt, two loads
 * at once both succeed, the cache keeps to its size limit, and --no-cache leaves it alone. Every result
 * is compared with a replay that does not use the cache.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadSource, type LoadOptions } from '../src/sources/load.js';
import { filesFingerprint } from '../src/sources/replay-cache.js';
import { pgdrift } from './helpers/cli.js';
import { tempDir, tempFiles } from './helpers/temp.js';

const cache = tempDir('pgdrift-cache-');
process.env.PGDRIFT_CACHE_DIR = cache;
// Every state is worth saving here (these files replay in milliseconds); the rule itself has its own test.
process.env.PGDRIFT_CACHE_SAVE_MS = '0';
const replayDir = join(cache, 'replay');

const FILES = {
  '001_schema.sql': 'create schema app;\nset search_path = app, public;\n',
  '002_users.sql': 'create table users (id int primary key, email text);\n',
  '003_posts.sql': 'create table public.posts (id int primary key, author int references app.users);\n',
};

async function load(dir: string, options: LoadOptions = {}) {
  return loadSource({ kind: 'migrations', path: dir }, options);
}

/** What a load without the cache gives: the truth to compare with. */
const uncached = async (dir: string) => (await load(dir, { cache: false })).schema;

const entries = (prefix: string) => readdirSync(replayDir).filter((f) => f.startsWith(prefix));

describe('replay cache', () => {
  before(async () => {
    // The base image is built once for the whole file.
    await load(tempFiles({ '001_x.sql': 'select 1;\n' }), { cache: false });
  });

  test('an unchanged folder gives its model from the cache, the same as a replay', async () => {
    const dir = tempFiles(FILES);
    const first = await load(dir);
    assert.deepEqual(first.replay, { files: 3, replayed: 3 });
    const second = await load(dir);
    assert.deepEqual(second.replay, { files: 3, replayed: 0 });
    assert.deepEqual(second.schema, first.schema);
    assert.equal(second.engine, first.engine);
    // The session's search_path set by the first file still decides where file 2's table went.
    assert.ok(first.schema.tables.some((t) => t.schema === 'app' && t.name === 'users'));
  });

  test('a new migration replays only that file; editing the newest replays only it, with the session settings of the files before', async () => {
    const dir = tempFiles(FILES);
    await load(dir);
    writeFileSync(join(dir, '004_tags.sql'), 'create table tags (id int);\n');
    const added = await load(dir);
    assert.deepEqual(added.replay, { files: 4, replayed: 1 });
    assert.deepEqual(added.schema, await uncached(dir));
    // tags is unqualified: it lands in app only if the SET search_path of file 1 was restored with the state.
    assert.ok(added.schema.tables.some((t) => t.schema === 'app' && t.name === 'tags'));
    writeFileSync(join(dir, '004_tags.sql'), 'create table tags (id int, label text);\n');
    const edited = await load(dir);
    assert.deepEqual(edited.replay, { files: 4, replayed: 1 });
    assert.deepEqual(edited.schema, await uncached(dir));
  });

  test('editing an older migration replays from the longest prefix the cache holds', async () => {
    const dir = tempFiles(FILES);
    await load(dir);
    writeFileSync(join(dir, '001_schema.sql'), 'create schema app;\ncreate schema extra;\nset search_path = app, public;\n');
    const r = await load(dir);
    assert.deepEqual(r.replay, { files: 3, replayed: 3 });
    assert.deepEqual(r.schema, await uncached(dir));
  });

  test('a state is saved only when replaying up to it took at least PGDRIFT_CACHE_SAVE_MS; the model is cached all the same', async () => {
    process.env.PGDRIFT_CACHE_SAVE_MS = '3600000';
    try {
      const dir = tempFiles({ ...FILES, '004_quick.sql': 'create table quick (id int);\n' });
      const before = new Set(entries('state-'));
      assert.deepEqual((await load(dir)).replay, { files: 4, replayed: 4 });
      assert.deepEqual(entries('state-').filter((f) => !before.has(f)), []);
      assert.deepEqual((await load(dir)).replay, { files: 4, replayed: 0 });
      // No state to start from: a new file replays the folder again.
      writeFileSync(join(dir, '005_more.sql'), 'create table more (id int);\n');
      const added = await load(dir);
      assert.deepEqual(added.replay, { files: 5, replayed: 5 });
      assert.deepEqual(added.schema, await uncached(dir));
    } finally {
      process.env.PGDRIFT_CACHE_SAVE_MS = '0';
    }
  });

  test('a saved state keeps the extensions created before it: a file replayed on it can use them', async () => {
    const dir = tempFiles({ '001_ext.sql': 'create extension pg_trgm;\n', '002_t.sql': 'create table t (name text);\n' });
    await load(dir);
    writeFileSync(join(dir, '003_idx.sql'), 'create index t_name_trgm on t using gin (name gin_trgm_ops);\n');
    const added = await load(dir);
    assert.deepEqual(added.replay, { files: 3, replayed: 1 });
    assert.deepEqual(added.schema, await uncached(dir));
    assert.ok(added.schema.tables.find((t) => t.name === 't')!.indexes.some((i) => i.name === 't_name_trgm'));
  });

  test('a damaged entry is detected, removed and rebuilt, never used', async () => {
    const dir = tempFiles({ ...FILES, '004_damage.sql': 'create table damage (id int);\n' });
    await load(dir);
    const damage = (f: string) => {
      const path = join(replayDir, f);
      const bytes = readFileSync(path);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      writeFileSync(path, bytes);
    };
    const before = new Set([...entries('model-'), ...entries('state-')]);
    for (const f of before) damage(f);
    const r = await load(dir);
    assert.deepEqual(r.replay, { files: 4, replayed: 4 });
    assert.deepEqual(r.schema, await uncached(dir));
    assert.deepEqual((await load(dir)).replay, { files: 4, replayed: 0 });
  });

  test('two loads of one folder at once both succeed and leave whole entries', async () => {
    const dir = tempFiles({ ...FILES, '004_race.sql': 'create table race (id int);\n' });
    const [a, b] = await Promise.all([load(dir), load(dir)]);
    assert.deepEqual(a.schema, b.schema);
    assert.equal(readdirSync(replayDir).filter((f) => f.endsWith('.tmp')).length, 0);
    assert.deepEqual((await load(dir)).replay, { files: 4, replayed: 0 });
  });

  test('the cache keeps to its size limit, removing the least recently used entries', async () => {
    const limit = 120;
    process.env.PGDRIFT_CACHE_MAX_MB = String(limit);
    try {
      for (const name of ['a', 'b', 'c']) await load(tempFiles({ ...FILES, [`004_${name}.sql`]: `create table ${name} (id int);\n` }));
      const size = [cache, replayDir].flatMap((d) => readdirSync(d).map((f) => statSync(join(d, f)))).filter((s) => s.isFile()).reduce((n, s) => n + s.size, 0);
      assert.ok(size <= limit * 2 ** 20, `${size} bytes`);
    } finally {
      delete process.env.PGDRIFT_CACHE_MAX_MB;
    }
  });

  test('a model from the cache is ready for what reads it: the SQL parser is loaded (audit, diff and plan parse its expressions)', async () => {
    const dir = tempFiles(FILES);
    await load(dir);
    // A new process, whose only work is the cached load: nothing else has loaded the parser.
    const script = `import { loadSource } from './src/sources/load.ts'; import { parseSync } from 'libpg-query';
      const s = await loadSource({ kind: 'migrations', path: ${JSON.stringify(dir)} });
      parseSync('select 1'); console.log(JSON.stringify(s.replay));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, PGDRIFT_CACHE_DIR: cache } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { files: 3, replayed: 0 });
  });

  test('a cached answer of pgdrift inspect loads neither the shadow, the inspection nor the SQL parser', () => {
    const dir = tempFiles({ ...FILES, '004_lean.sql': 'create table lean (id int);\n' });
    pgdrift(['inspect', dir, '--summary'], { PGDRIFT_CACHE_DIR: cache });
    const list = join(tempDir('pgdrift-modules-'), 'loaded.txt');
    const r = spawnSync(process.execPath, ['--import', './test/helpers/loaded-modules.mjs', 'bin/pgdrift.js', 'inspect', dir, '--summary'], { encoding: 'utf8', env: { ...process.env, PGDRIFT_CACHE_DIR: cache, LOADED_MODULES: list } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /replayed 0 of 4 files, 4 from cache/);
    assert.match(r.stdout, /tables without row level security: app\.lean, app\.users, public\.posts/);
    const loaded = readFileSync(list, 'utf8').split('\n');
    assert.ok(loaded.some((u) => u.endsWith('/dist/sources/load.js')), 'the list holds what was loaded');
    for (const heavy of ['/@electric-sql/pglite/', '/libpg-query/', '/dist/shadow/pglite.js', '/dist/inspect/inspect.js', '/dist/sources/replay.js', '/node_modules/pg/']) {
      assert.deepEqual(loaded.filter((u) => u.includes(heavy)), [], `${heavy} is not loaded`);
    }
  });

  test('the code fingerprint in the keys counts code, SQL and JSON files by path, size and time, not type declarations', () => {
    const root = tempFiles({ 'a.js': 'export {};\n', 'sub/b.sql': 'select 1;\n', 'a.d.ts': 'export {};\n' });
    const other = tempFiles({ 'c.json': '{}' });
    const before = filesFingerprint([root, other]);
    assert.equal(filesFingerprint([root, other]), before);
    writeFileSync(join(root, 'a.d.ts'), 'export declare const x: 1;\n');
    assert.equal(filesFingerprint([root, other]), before, 'a type declaration does not count');
    assert.notEqual(filesFingerprint([other, root]), before, 'which folder a file is in counts');
    writeFileSync(join(root, 'sub', 'b.sql'), 'select 12;\n');
    const edited = filesFingerprint([root, other]);
    assert.notEqual(edited, before);
    writeFileSync(join(other, 'd.js'), '');
    assert.notEqual(filesFingerprint([root, other]), edited, 'a new file counts');
  });

  test('the command line says what the cache spared; --no-cache replays everything and writes nothing', () => {
    const dir = tempFiles({ ...FILES, '004_cli.sql': 'create table cli (id int);\n' });
    const env = { PGDRIFT_CACHE_DIR: cache };
    pgdrift(['inspect', dir, '--summary'], env);
    writeFileSync(join(dir, '005_more.sql'), 'create table more (id int);\n');
    assert.match(pgdrift(['inspect', dir, '--summary'], env).stderr, /pgdrift: note: .*: replayed 1 of 5 files, 4 from cache/);
    assert.match(pgdrift(['inspect', dir, '--summary'], env).stderr, /replayed 0 of 5 files, 5 from cache/);
    const fresh = tempDir('pgdrift-nocache-');
    const r = pgdrift(['inspect', dir, '--summary', '--no-cache'], { PGDRIFT_CACHE_DIR: fresh });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /from cache/);
    assert.deepEqual(readdirSync(fresh).filter((f) => f === 'replay'), []);
  });

  test('a plan verified once on the same files and target answers from the cache, and says so; any change verifies again', () => {
    const dir = tempFiles({ 'a.sql': 'create table t (id int primary key);\n', 'b.sql': 'create table t (id int primary key, name text);\n', 'bad.sql': 'create table t (id int primary key, n int);\ncreate statistics t_stats on id, n from t;\n' });
    const env = { PGDRIFT_CACHE_DIR: cache, PGDRIFT_TRACE: '1' };
    const plan = (b: string, ...extra: string[]) => pgdrift(['plan', join(dir, 'a.sql'), join(dir, b), ...extra], env);
    const first = plan('b.sql');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /verification cache: none/);
    const again = plan('b.sql');
    assert.match(again.stderr, /verification cache: the result/);
    assert.equal(again.stdout, first.stdout.replace(/(-- verified: [^\n]*\n)/, '$1-- (this plan was verified on these same files and this target before: the result is the replay cache\'s)\n'));
    // The same plan by other flags is the same verification; another target is verified anew.
    assert.match(plan('b.sql', '--allow-destructive').stderr, /verification cache: the result/);
    writeFileSync(join(dir, 'b.sql'), 'create table t (id int primary key, name text not null default \'\');\n');
    assert.match(plan('b.sql').stderr, /verification cache: none/);
    // A failure is remembered too, and fails the same way.
    const failed = [plan('bad.sql'), plan('bad.sql')];
    assert.deepEqual(failed.map((r) => r.status), [2, 2]);
    assert.equal(failed[1]!.stderr.split('\n').find((l) => l.startsWith('pgdrift: the plan')), failed[0]!.stderr.split('\n').find((l) => l.startsWith('pgdrift: the plan')));
    assert.match(failed[1]!.stderr, /verification cache: the result/);
    assert.match(plan('b.sql', '--no-cache').stderr, /verification: not cached/);
  });
});
