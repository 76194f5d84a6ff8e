import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('add-key-without-index: primary keys and unique constraints added without USING INDEX, inline or not', async () => {
  const findings = await lintStatements({
    '1_a.sql': 'create table t (id int);\n',
    '2_b.sql': 'alter table t add primary key (id);\nalter table t add column e text unique;\nalter table t add constraint t_u unique using index t_i;\ncreate table n (id int);\nalter table n add primary key (id);\n',
  }, { rules: ['add-key-without-index'] });
  assert.deepEqual(places(findings), ['2_b.sql:1', '2_b.sql:2']);
});
