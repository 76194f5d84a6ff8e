import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, lintRule } from '../../../test/helpers/lint.js';

const files = {
  '20240101000000_a.sql': 'create table t (a int, b int, "C" int);\nalter table t add constraint t_b check (b is not null) not valid;\nalter table t add constraint t_c check ("C" is not null) not valid;\n',
  '20240102000000_b.sql': 'alter table t validate constraint t_b;\nalter table t validate constraint t_c;\n',
  '20240103000000_c.sql': 'alter table t alter column a set not null;\nalter table t alter column b set not null;\nalter table t alter column "C" set not null;\n',
};

test('set-not-null: SET NOT NULL scans unless a validated IS NOT NULL check proves it (PostgreSQL 12+)', async () => {
  const { at, findings } = await lintRule('set-not-null', files);
  assert.deepEqual(at, ['20240103000000_c.sql:1:1']);
  assert.match(findings[0]!.hint!, /NOT VALID/);
});

test('set-not-null: before PostgreSQL 12 a check does not help', async () => {
  const findings = (await lint(files, { pgVersion: 11 })).filter((f) => f.rule === 'set-not-null');
  assert.equal(findings.length, 3);
  assert.match(findings[0]!.message, /PostgreSQL 11 cannot use a check constraint/);
});
