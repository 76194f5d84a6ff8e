import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LocatedError } from '../src/errors.js';
import { firstLine, leadingTrivia, loadParser, splitStatements } from '../src/sources/sql.js';
import { LineIndex } from '../src/sources/line-index.js';

before(loadParser);

describe('splitStatements', () => {
  test('locates each statement at its first token, after comments and blank lines', () => {
    const text = '-- héllo wörld\ncreate table a (x int);\n\n  /* note */ create index on a (x);\nselect \'ü\'; select 1';
    const stmts = splitStatements('m.sql', text);
    assert.deepEqual(
      stmts.map((s) => [s.kind, s.line, s.column, s.text]),
      [
        ['CreateStmt', 2, 1, 'create table a (x int)'],
        ['IndexStmt', 4, 14, 'create index on a (x)'],
        ['SelectStmt', 5, 1, "select 'ü'"],
        ['SelectStmt', 5, 13, 'select 1'],
      ],
    );
  });

  test('a syntax error is reported at its file, line and column', () => {
    const text = "select 1;\n-- ü\ncreate tabel x (a int);";
    assert.throws(
      () => splitStatements('dir/0001_init.sql', text),
      (e: unknown) => e instanceof LocatedError && e.message === 'dir/0001_init.sql:3:8: syntax error at or near "tabel"',
    );
  });

  test('two statements run together (missing semicolon) fail at the start of the second', () => {
    const text = 'create table x (a int)\ncreate table y (b int);';
    assert.throws(
      () => splitStatements('f.sql', text),
      (e: unknown) => e instanceof LocatedError && e.location.line === 2 && e.location.column === 1,
    );
  });

  test('dollar-quoted function bodies stay inside their statement', () => {
    const text = 'create function f() returns int language plpgsql as $$ begin return 1; end $$;\nselect f();';
    const stmts = splitStatements('f.sql', text);
    assert.equal(stmts.length, 2);
    assert.equal(stmts[1]!.line, 2);
  });
});

test('leadingTrivia skips whitespace, line and block comments', () => {
  assert.equal(leadingTrivia('  -- a\n/* b */ select'), 15);
  assert.equal(leadingTrivia('select'), 0);
});

test('firstLine trims and shortens', () => {
  assert.equal(firstLine('  create table x (\n a int)'), 'create table x (');
  assert.equal(firstLine('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
});

test('LineIndex maps offsets to 1-based lines and columns', () => {
  const idx = new LineIndex('ab\ncd\n\nef');
  assert.deepEqual(idx.locate(0), { line: 1, column: 1 });
  assert.deepEqual(idx.locate(4), { line: 2, column: 2 });
  assert.deepEqual(idx.locate(7), { line: 4, column: 1 });
});
