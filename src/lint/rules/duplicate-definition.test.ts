import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('duplicate-definition: the same trigger defined twice identically (formatting aside)', async () => {
  const base = 'create table t (id int);\ncreate function f() returns trigger language plpgsql as $$ begin return new; end $$;\n';
  const { at } = await lintRule('duplicate-definition', {
    '20240101000000_a.sql': `${base}create trigger tr before insert on t for each row execute function f();\n`,
    '20240102000000_b.sql': 'CREATE TRIGGER tr\n  BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n',
  });
  assert.deepEqual(at, ['20240102000000_b.sql:1:1']);
  assert.deepEqual((await lintRule('duplicate-definition', { '20240101000000_a.sql': `${base}create trigger tr before insert on t for each row execute function f();` })).at, []);
});
