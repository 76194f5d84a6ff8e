import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UserError } from '../src/errors.js';
import { findMigrations } from '../src/sources/migrations.js';
import { pgdrift } from './helpers/cli.js';
import { tempFiles } from './helpers/temp.js';

function tree(files: Record<string, string>): string {
  return tempFiles(files, 'pgdrift-mig-');
}

describe('findMigrations', () => {
  test('a supabase/migrations folder is the Supabase layout, in version order', () => {
    const root = tree({
      'supabase/config.toml': '',
      'supabase/migrations/20240301000000_b.sql': '',
      'supabase/migrations/20240101000000_a.sql': '',
      'supabase/migrations/README.md': '',
    });
    const folder = findMigrations(join(root, 'supabase/migrations'));
    assert.equal(folder.layout, 'supabase');
    assert.deepEqual(folder.files.map((f) => f.name), ['20240101000000_a.sql', '20240301000000_b.sql']);
    assert.equal(folder.files[0]!.version, '20240101000000');
  });

  test('a Supabase folder runs what the Supabase CLI runs: <digits>_<name>.sql, in name order; others are skipped with a note', () => {
    const root = tree({
      'supabase/migrations/20240301000000_b.sql': '',
      'supabase/migrations/20240101000000_a.sql': '',
      'supabase/migrations/local_20240201000000_dev.sql': '',
      'supabase/migrations/seed.sql': '',
    });
    const folder = findMigrations(join(root, 'supabase/migrations'));
    assert.deepEqual(folder.files.map((f) => f.name), ['20240101000000_a.sql', '20240301000000_b.sql']);
    assert.deepEqual(folder.skipped.map((f) => f.name).sort(), ['local_20240201000000_dev.sql', 'seed.sql']);
  });

  test('a skipped file is said once on stderr, and not replayed', () => {
    const root = tree({ 'supabase/migrations/20240101000000_a.sql': 'create table a (id int primary key);', 'supabase/migrations/local_x.sql': 'this is not sql' });
    const r = pgdrift(['inspect', join(root, 'supabase/migrations'), '--summary']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^pgdrift: note: .*local_x\.sql skipped: the Supabase CLI runs only files named <timestamp>_<name>\.sql\n$/);
  });

  test('a Supabase folder is recognized however it is spelled, also as . from inside it', () => {
    const root = tree({ 'supabase/migrations/1_a.sql': '' });
    const cwd = process.cwd();
    try {
      process.chdir(join(root, 'supabase/migrations'));
      assert.equal(findMigrations('.').layout, 'supabase');
    } finally {
      process.chdir(cwd);
    }
  });

  test('the project folder stands for its migrations folder', () => {
    const root = tree({ 'supabase/migrations/1_a.sql': '' });
    assert.equal(findMigrations(join(root, 'supabase')).layout, 'supabase');
  });

  test('Prisma folders of migration.sql are the Prisma layout', () => {
    const root = tree({
      'prisma/migrations/20240102000000_second/migration.sql': '',
      'prisma/migrations/20240101000000_first/migration.sql': '',
      'prisma/migrations/migration_lock.toml': '',
    });
    const folder = findMigrations(join(root, 'prisma/migrations'));
    assert.equal(folder.layout, 'prisma');
    assert.deepEqual(folder.files.map((f) => f.name), ['20240101000000_first', '20240102000000_second']);
  });

  test('Prisma folders run in Prisma\'s order: names compared as strings, not their digits as numbers', () => {
    const root = tree({
      'prisma/migrations/20241231_x/migration.sql': '',
      'prisma/migrations/20240327102407_y/migration.sql': '',
      'prisma/migrations/20240101000000_init/migration.sql': '',
    });
    assert.deepEqual(findMigrations(join(root, 'prisma/migrations')).files.map((f) => f.name), ['20240101000000_init', '20240327102407_y', '20241231_x']);
  });

  test('a Prisma folder locked to another provider is bad input at the lock file\'s line', () => {
    const root = tree({ 'prisma/migrations/1_a/migration.sql': '', 'prisma/migrations/migration_lock.toml': '# comment\nprovider = "mysql"\n' });
    assert.throws(() => findMigrations(join(root, 'prisma/migrations')), /migration_lock\.toml:2:1: these migrations are for provider "mysql"/);
  });

  test('plain folders order by version numerically, then unversioned files by name', () => {
    const root = tree({ 'db/10_c.sql': '', 'db/9_b.sql': '', 'db/001_a.sql': '', 'db/zz.sql': '', 'db/aa.sql': '' });
    const folder = findMigrations(join(root, 'db'));
    assert.equal(folder.layout, 'plain');
    assert.deepEqual(folder.files.map((f) => f.name), ['001_a.sql', '9_b.sql', '10_c.sql', 'aa.sql', 'zz.sql']);
  });

  test('an empty folder and a mixed folder are bad input', () => {
    assert.throws(() => findMigrations(tree({ 'x/readme.md': '' }) + '/x'), UserError);
    assert.throws(() => findMigrations(tree({ 'm/1_a.sql': '', 'm/2_b/migration.sql': '' }) + '/m'), /mixes Prisma/);
  });
});
