/**
 * Bad bytes are input errors at file:line:col, never silently changed: a NUL byte, invalid UTF-8, a
 * symbolic link to a missing migration, a truncated database.types.ts. A symbolic link to a real
 * migration is a migration.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { tempDir } from './helpers/temp.js';

function folder(files: Record<string, string | Buffer>): string {
  const dir = join(tempDir('pgdrift-bad-'), 'migrations');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('bad input', () => {
  test('a NUL byte is an error at its line and column, in replay and in lint', () => {
    const dir = folder({ '001_a.sql': 'create table a (id int);\ncreate table b (x\u0000 int);\ncreate table c (id int);\n' });
    for (const cmd of ['inspect', 'lint']) {
      const r = pgdrift([cmd, dir]);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /001_a\.sql:2:18: a NUL byte, which SQL text cannot hold/);
    }
  });

  test('invalid UTF-8 is an error at the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from("create table a (id int);\ncomment on table a is 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]);
    const r = pgdrift(['inspect', folder({ '001_a.sql': bytes })]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /001_a\.sql:2:27: not valid UTF-8 \(byte 0xe9\): save the file as UTF-8/);
  });

  test('a symbolic link to a migration is replayed; one to a missing file is named', () => {
    const dir = folder({ '001_a.sql': 'create table a (id int);\n' });
    const real = join(dir, '..', 'shared.sql');
    writeFileSync(real, 'create table linked (id int);\n');
    symlinkSync(real, join(dir, '002_linked.sql'));
    const ok = JSON.parse(pgdrift(['inspect', dir, '--format', 'json']).stdout);
    assert.deepEqual(ok.schema.tables.map((t: { name: string }) => t.name), ['a', 'linked']);
    symlinkSync(join(dir, 'nowhere.sql'), join(dir, '003_dangling.sql'));
    const r = pgdrift(['inspect', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /003_dangling\.sql: cannot read it: it does not exist \(a symbolic link to a missing file\?\)/);
  });

  test('a database.types.ts cut short is an error where it ends', () => {
    const whole = readFileSync('test/fixtures/database.types.ts', 'utf8');
    const dir = tempDir('pgdrift-bad-');
    const cut = join(dir, 'database.types.ts');
    writeFileSync(cut, whole.slice(0, Math.floor(whole.length / 2)));
    const r = pgdrift(['inspect', cut]);
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, /database\.types\.ts:\d+:\d+: .*: is the file cut short\? Write it again with supabase gen types typescript/);
    assert.equal(pgdrift(['inspect', 'test/fixtures/database.types.ts']).status, 0);
  });
});

test('a SQL file larger than the parser takes is refused with its size', () => {
  const dir = folder({ '001_huge.sql': 'select 1;\n'.repeat(3_500_000) });
  const r = pgdrift(['inspect', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^pgdrift: \S*001_huge\.sql:1:1: 33 MB of SQL: pgdrift parses files of up to 32 MB \(the parser's memory\): split it into several migrations\n$/);
});
