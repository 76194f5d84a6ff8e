/** `pgdrift plan` as a user runs it. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { migrationFileName } from '../src/cli/commands/plan.js';
import { tempDir } from './helpers/temp.js';

function pair(from: string, to: string): { dir: string; a: string; b: string } {
  const dir = tempDir('pgdrift-plan-');
  writeFileSync(join(dir, 'a.sql'), from);
  writeFileSync(join(dir, 'b.sql'), to);
  return { dir, a: join(dir, 'a.sql'), b: join(dir, 'b.sql') };
}

describe('pgdrift plan', () => {
  test('prints verified SQL; what it withholds is listed at the end and exits 1 unless accepted', () => {
    const { a, b } = pair('create table t (id int, old text);', 'create table t (id int, "New Col" text not null default \'\'); create index t_id on t (id);');
    const r = pgdrift(['plan', a, b]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^pgdrift: 1 difference is not planned \(listed at the end of the plan\): exit 1; pass --allow-unplanned to accept them$/m);
    assert.match(r.stdout, /^-- pgdrift plan: .*a\.sql → .*b\.sql\n-- verified: run on a shadow copy of the current schema, its catalog matches the target's but those listed as not planned/);
    assert.match(r.stdout, /alter table public\.t add column if not exists "New Col" text default ''::text not null;/);
    assert.match(r.stdout, /create index if not exists t_id ON public\.t USING btree \(id\);/);
    assert.match(r.stdout, /-- Not planned:\n--   public\.t\.old: drops column public\.t\.old and its data: needs --allow-destructive/);
    const accepted = pgdrift(['plan', a, b, '--allow-unplanned']);
    assert.equal(accepted.status, 0, accepted.stderr);
    // The same verification again: its result is the replay cache's, which the header says.
    assert.equal(accepted.stdout.replace(/^-- \(this plan was verified on these same files[^\n]*\n/m, ''), r.stdout);
  });

  test('what pgdrift cannot plan yet fails verification with the catalog difference, never "verified"', () => {
    // Extended statistics are not in the model: the model says nothing differs, the catalog does.
    const { a, b } = pair('create table t (a int, b int);', 'create table t (a int, b int); create statistics t_ab on a, b from t;');
    const r = pgdrift(['plan', a, b]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: the plan does not converge, in what pgdrift cannot yet plan: 2 catalog differences remain: statistics object public\.t_ab: absent after the plan, present in the target; statistics object public\.t_ab · definition: absent after the plan, "CREATE STATISTICS public\.t_ab ON a, b FROM public\.t" in the target$/m);
    assert.equal(r.stdout, '');
  });

  test('a target without a catalog is verified in the model only, and says so', () => {
    const { dir, a, b } = pair('create table t (id int);', 'create table t (id int, v int);');
    const snapshot = join(dir, 'b.json');
    writeFileSync(snapshot, pgdrift(['inspect', b, '--format', 'json']).stdout);
    const r = pgdrift(['plan', a, snapshot]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^-- verified in pgdrift's model only \(the target holds no catalog \(a snapshot or a types file holds only the model\)\): /m);
  });

  test('roles the server provides are named with --role; without it, the error says so', () => {
    const { a, b } = pair('', 'create table t (id int); alter table t enable row level security; create policy p on t to pgdrift_cli_app using (true);');
    const r = pgdrift(['plan', a, b]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: .*b\.sql:1:\d+: role "pgdrift_cli_app" does not exist: create it in the migrations, or name it with --role pgdrift_cli_app \(or "roles" in the config\) for the shadow to create/m);
    const withRole = pgdrift(['plan', a, b, '--role', 'pgdrift_cli_app']);
    assert.equal(withRole.status, 0, withRole.stderr);
    assert.match(withRole.stdout, /create policy p on public\.t as permissive for all to pgdrift_cli_app using \(true\)/);
  });

  test('files that create their own roles verify; grants are planned', () => {
    const roles = 'create role pgdrift_cli_reader nologin;';
    const { a, b } = pair(`${roles} create table t (id int);`, `${roles} create table t (id int); grant select on t to pgdrift_cli_reader;`);
    const r = pgdrift(['plan', a, b]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /-- verified: /);
    assert.match(r.stdout, /^grant select on table public\.t to pgdrift_cli_reader;$/m);
  });

  test('--out into a migrations folder writes a new timestamped migration', () => {
    const { dir, a, b } = pair('create table t (id int);', 'create table t (id int, v int);');
    const folder = join(dir, 'supabase', 'migrations');
    mkdirSync(folder, { recursive: true });
    const r = pgdrift(['plan', a, b, '--out', folder, '--name', 'add v']);
    assert.equal(r.status, 0, r.stderr);
    const [file] = readdirSync(folder);
    assert.match(file!, /^\d{14}_add_v\.sql$/);
    assert.match(readFileSync(join(folder, file!), 'utf8'), /add column if not exists v integer;/);
    assert.match(r.stderr, /wrote 2 steps to /);
    assert.equal(migrationFileName(new Date('2024-03-05T08:09:10Z'), 'x y'), '20240305080910_x_y.sql');
  });

  test('--rollback writes the plan back, verified after the plan; what it cannot restore is marked; run on a real server, plan then rollback returns to <from>', async () => {
    const { dir, a, b } = pair(
      'create table t (id int primary key, note text);\ncreate table gone (id int, label text not null);',
      'create table t (id int primary key, note text, "Added" timestamptz default now());\ncreate index t_note on t (note);\ncreate table fresh (at timestamptz);',
    );
    const back = join(dir, 'rollback.sql');
    const r = pgdrift(['plan', a, b, '--out', join(dir, 'plan.sql'), '--rollback', back, '--allow-destructive']);
    assert.equal(r.status, 0, r.stderr);
    const rollback = readFileSync(back, 'utf8');
    assert.match(rollback, /^-- pgdrift rollback plan: .*b\.sql → .*a\.sql \(undoes the plan beside it\)\n-- verified: run after the plan on the shadow copy, it returns to .*a\.sql/);
    assert.match(rollback, /-- DESTRUCTIVE: .*"Added"/);
    assert.match(rollback, /drop table .*public\.fresh/i);
    assert.match(rollback, /create table .*public\.gone/i);
    // Independently: both plans on a real PostgreSQL database, then pgdrift diff against a.sql.
    const { createDatabase } = await import('./helpers/servers.js');
    const db = await createDatabase('pg17', readFileSync(a, 'utf8'));
    try {
      await db.client.query(readFileSync(join(dir, 'plan.sql'), 'utf8'));
      await db.client.query(rollback);
      const d = pgdrift(['diff', a, db.url, '--format', 'json']);
      assert.deepEqual(JSON.parse(d.stdout).changes, []);
    } finally {
      await db.drop();
    }
  });

  test('the verification runs on the shadow <from> was replayed into; a new one where the plan needs an extension that shadow cannot load', () => {
    const shadows = (r: { stderr: string }) => r.stderr.match(/^pgdrift: trace: .*shadow ready/gm)?.length;
    const { a, b } = pair("create table t (id int primary key); insert into t values (1);", 'create table t (id int primary key, v text);');
    const reused = pgdrift(['plan', a, b, '--no-cache'], { PGDRIFT_TRACE: '1' });
    assert.equal(reused.status, 0, reused.stderr);
    assert.match(reused.stderr, /verification: on the shadow of <from>/);
    assert.equal(shadows(reused), 2);
    assert.match(reused.stdout, /^-- verified: /m);
    // PGlite loads an extension's bundle when it starts: <from>'s shadow has no pg_trgm.
    const ext = pair('create table t (id int);', 'create extension pg_trgm; create table t (id int);');
    const fresh = pgdrift(['plan', ext.a, ext.b, '--no-cache'], { PGDRIFT_TRACE: '1' });
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.match(fresh.stderr, /verification: a new shadow/);
    assert.equal(shadows(fresh), 3);
    assert.match(fresh.stdout, /create extension if not exists pg_trgm/i);
  });

  test('on a server shadow (one at a time), <from>\'s shadow is kept for the verification without waiting on itself', async () => {
    const { serverUrl } = await import('./helpers/servers.js');
    const { a, b } = pair('create table t (id int);', 'create table t (id int, v int); create index t_v on t (v);');
    const r = pgdrift(['plan', a, b, '--shadow', serverUrl('pg17')], {}, 60_000);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^-- verified: run on a shadow copy of the current schema, its catalog matches the target's$/m);
    assert.doesNotMatch(r.stderr, /waiting for another pgdrift shadow/);
  });

  test('between live databases, the verification shadow opens while they are read, unless they need an extension bundle it lacks', async () => {
    const { createDatabase } = await import('./helpers/servers.js');
    for (const [ext, fits] of [['', true], ['create extension pg_trgm;', false]] as const) {
      const a = await createDatabase('pg17', `${ext} create table t (id int);`);
      const b = await createDatabase('pg17', `${ext} create table t (id int, v text);`);
      try {
        const r = pgdrift(['plan', a.url, b.url], { PGDRIFT_TRACE: '1' });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stderr, fits ? /PGlite: the shadow opened ahead fits/ : /PGlite: the shadow opened ahead does not fit: a new one/);
        assert.match(r.stdout, /^-- verified in pgdrift's model only \(the shadow runs PostgreSQL 18 and the target was read on 17/m);
        assert.match(r.stdout, /alter table public\.t add column if not exists v text;/);
      } finally {
        await Promise.all([a.drop(), b.drop()]);
      }
    }
  });

  test('between live databases with a server shadow, the shadow opens while they are read (and is closed when a source fails); with a replayed <to> it waits its turn instead', async () => {
    const { createDatabase, serverUrl } = await import('./helpers/servers.js');
    const a = await createDatabase('pg17', 'create table t (id int);');
    const b = await createDatabase('pg17', 'create table t (id int, v text);');
    const { b: file } = pair('', 'create table t (id int, v text);');
    try {
      for (const to of [b.url, file]) {
        const r = pgdrift(['plan', a.url, to, '--shadow', serverUrl('pg17')], { PGDRIFT_TRACE: '1' }, 60_000);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /^-- verified: /m);
        assert.doesNotMatch(r.stderr, /waiting for another pgdrift shadow/);
      }
      // A <to> that cannot be read: the shadow opened ahead is closed, and the command ends with the error (it does not hang).
      const bad = pgdrift(['plan', a.url, 'postgres://postgres@127.0.0.1:1/none', '--shadow', serverUrl('pg17')], {}, 60_000);
      assert.equal(bad.status, 2, bad.stderr);
      assert.match(bad.stderr, /^pgdrift: cannot connect to postgres:\/\/postgres@127\.0\.0\.1:1\/none/m);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  test('--no-verify skips the shadow run and says so; identical sources give an empty plan', () => {
    const { a } = pair('create table t (id int);', '');
    const r = pgdrift(['plan', a, a, '--no-verify']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `-- pgdrift plan: ${a} → ${a}\n-- not verified (--no-verify)\n`);
  });

  test('an unconfirmed probable rename is planned as an add, with advice to confirm it', () => {
    const { a, b } = pair('create table m (id int, model_version text);', 'create table m (id int, version text);');
    const r = pgdrift(['plan', a, b]);
    assert.match(r.stdout, /public\.m\.model_version: probably renamed to version \(confidence 0\.\d+\): confirm it under "renames" in the config/);
  });

  test('a plan step that cannot run fails the command with the step, exit 2', () => {
    // The enum value the column default needs is added in the same plan; fine. A NOT NULL column
    // added to a table that has rows is not: the shadow copy replays the insert, so verification catches it.
    const { a, b } = pair("create table t (id int); insert into t values (1);", 'create table t (id int, v int not null);');
    const r = pgdrift(['plan', a, b]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: step 2 of the plan fails: column "v" of relation "t" contains null values \(in: alter table public\.t add column if not exists v integer not null\)$/m);
    assert.equal(pgdrift(['plan', a, b, '--backfill', '--no-verify']).status, 0);
  });
});
