/** `plan(from, to)`: convergence on real databases, safety by default, idempotency, renames, quoting. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { diff } from '../src/diff/diff.js';
import { inspect } from '../src/inspect/inspect.js';
import { emptySchema } from '../src/model/empty.js';
import { plan, modelRoles, renderPlan } from '../src/plan/plan.js';
import { applyPlan, shadowCopy, unexplained, verifyPlan } from '../src/plan/verify.js';
import { createPgliteShadow } from '../src/shadow/pglite.js';
import { loadSource } from '../src/sources/load.js';
import { closeShadow, inspectSql } from './helpers/schema.js';
import { createDatabase } from './helpers/servers.js';

after(closeShadow);

/** Plan from → to on SQL texts, run it on a fresh database holding `from`, and return what remains. */
async function converge(fromSql: string, toSql: string, options: Parameters<typeof plan>[2] = {}) {
  const from = await inspectSql(fromSql);
  const to = await inspectSql(toSql);
  const planned = plan(from, to, options);
  const shadow = await createPgliteShadow({ supabase: false, extensions: ['citext', 'btree_gist', 'pgcrypto'], roles: modelRoles(to) });
  try {
    await shadow.exec(fromSql);
    await applyPlan(shadow, planned);
    const once = await inspect(shadow);
    await applyPlan(shadow, planned);
    const twice = await inspect(shadow);
    return { planned, remaining: diff(once, to), rerun: diff(twice, once), sql: planned.steps.map((s) => s.sql).join('\n') };
  } finally {
    await shadow.close();
  }
}

describe('plan', () => {
  test('builds every object kind from nothing, quoting every identifier, and is idempotent', async () => {
    const everything = readFileSync('test/fixtures/every-kind.sql', 'utf8');
    const { remaining, rerun, sql } = await converge('', everything);
    assert.deepEqual(remaining.filter((c) => c.attribute !== 'column order').map((c) => c.message), []);
    assert.deepEqual(rerun, [], 'running the plan twice changes nothing');
    assert.match(sql, /create table if not exists app\."User Accounts" \(/);
    assert.match(sql, /"Weird""Name" integer/);
    assert.match(sql, /"select" text collate "C"/);
  });

  test('orders by dependencies: types and functions before tables, tables before constraints, triggers last', async () => {
    const { planned } = await converge('', readFileSync('test/fixtures/every-kind.sql', 'utf8'));
    const first = (re: RegExp) => planned.steps.findIndex((s) => re.test(s.sql));
    assert.ok(first(/create type app\.status/) < first(/create table if not exists app\.posts/));
    assert.ok(first(/create or replace function app\.touch/) < first(/create table if not exists app\.posts/));
    assert.ok(first(/create table if not exists app\.posts/) < first(/add constraint posts_author_fk/));
    assert.ok(first(/add constraint posts_author_fk/) < first(/create or replace view app\.published_posts/));
    assert.ok(first(/create or replace view/) < first(/CREATE OR REPLACE TRIGGER posts_touch /));
  });

  test('grants and revokes privileges on every kind of object, columns too, and converges', async () => {
    const roles = `do $$ begin create role web; create role "Read Only"; exception when duplicate_object then null; end $$;`;
    const objects = `${roles} create schema api; create table api.t (id int, "E-mail" text); create sequence api.s; create function api.f() returns int language sql return 1; create view api.v as select 1 as x;`;
    const from = `${objects} grant select, insert on api.t to web; grant all on api.t to "Read Only"; grant all on api.v to web; grant usage on sequence api.s to web;`;
    const to = `${objects} grant usage on schema api to web; grant select on api.t to web; grant update ("E-mail") on api.t to "Read Only" with grant option;
      revoke execute on function api.f() from public; grant execute on function api.f() to web; grant select on api.v to web;`;
    const messages = diff(await inspectSql(from), await inspectSql(to)).filter((c) => c.kind === 'grant').map((c) => c.message);
    assert.deepEqual(messages, [
      'web lacks USAGE on schema api',
      'web lacks EXECUTE on function api.f()',
      'Read Only lacks UPDATE with grant option on column api.t."E-mail"',
      'PUBLIC holds EXECUTE on function api.f(), which the source of truth does not grant',
      'web holds USAGE on sequence api.s, which the source of truth does not grant',
      'Read Only holds ALL on table api.t, which the source of truth does not grant',
      'web holds INSERT on table api.t, which the source of truth does not grant',
      'web holds DELETE, INSERT, REFERENCES, TRIGGER, TRUNCATE, UPDATE on view api.v, which the source of truth does not grant',
    ]);
    const { remaining, rerun, sql } = await converge(from, to);
    assert.deepEqual(remaining.map((c) => c.message), []);
    assert.deepEqual(rerun, []);
    assert.match(sql, /revoke all on table api\.v from web;\ngrant select on table api\.v to web;/);
    assert.match(sql, /grant update \("E-mail"\) on table api\.t to "Read Only" with grant option;/);
  });

  test('SQL-standard bodies (RETURN, BEGIN ATOMIC) are planned as such, and run', async () => {
    const to = 'create function f() returns int language sql return 42; create function g(a int) returns int language sql begin atomic select a + 1; end;';
    const planned = plan(emptySchema(), await inspectSql(to));
    assert.match(planned.steps.map((s) => s.sql).join('\n'), /\nRETURN 42;/);
    const shadow = await createPgliteShadow({ supabase: false, extensions: [] });
    try {
      await applyPlan(shadow, planned);
      assert.deepEqual((await shadow.query('select f() as f, g(1) as g')).rows, [{ f: 42, g: 2 }]);
    } finally {
      await shadow.close();
    }
    const asString = 'create function f() returns int language sql as $$select 42$$; create function g(a int) returns int language sql as $$select a + 1$$;';
    const changes = diff(await inspectSql(asString), await inspectSql(to)).filter((c) => c.attribute === 'standardBody');
    assert.deepEqual(changes.map((c) => c.object).sort(), ['public.f()', 'public.g(a integer)']);
    const { remaining } = await converge(asString, to);
    assert.deepEqual(remaining.map((c) => c.message), []);
  });

  test('safe by default: nothing is dropped, the drops are listed as withheld', async () => {
    const from = 'create table keep (id int, old text); create table legacy (id int); create index k on keep (id);';
    const to = 'create table keep (id int, new text);';
    const { planned, remaining, sql } = await converge(from, to);
    assert.doesNotMatch(sql, /\bdrop\b/i);
    assert.deepEqual(planned.withheld.map((w) => w.object).sort(), ['public.keep.k', 'public.keep.old', 'public.legacy']);
    assert.deepEqual(unexplained(remaining, planned), []);
  });

  test('--allow-destructive drops, each step marked with what it loses', async () => {
    const from = 'create table keep (id int, old text); create table legacy (id int);';
    const to = 'create table keep (id int);';
    const { planned, remaining } = await converge(from, to, { allowDestructive: true });
    assert.deepEqual(remaining, []);
    const destructive = planned.steps.filter((s) => s.destructive).map((s) => s.destructive);
    assert.deepEqual(destructive.sort(), ['drops column public.keep.old and its data', 'drops table public.legacy and every row in it']);
    assert.match(renderPlan(planned, ['x']), /-- DESTRUCTIVE: drops table public\.legacy and every row in it\ndrop table if exists public\.legacy;/);
  });

  test('type narrowing is destructive; widening is not', async () => {
    const narrow = await converge('create table t (a bigint, b varchar(10));', 'create table t (a int, b varchar(20));');
    assert.deepEqual(narrow.planned.withheld.map((w) => w.object), ['public.t.a']);
    assert.match(narrow.sql, /alter column b type character varying\(20\)/);
  });

  test('renames confirmed in the config become RENAME, and converge', async () => {
    const { planned, remaining, sql } = await converge(
      'create table models (id int, model_version text); create table book_chapters (id int);',
      'create table models (id int, version text); create table books_chapters (id int);',
      { renames: [{ kind: 'column', from: 'public.models.model_version', to: 'version', confirmed: true }, { kind: 'table', from: 'public.book_chapters', to: 'books_chapters', confirmed: true }] },
    );
    assert.match(sql, /alter table public\.models rename column model_version to version;/);
    assert.match(sql, /if exists \(select 1 from pg_attribute where attrelid = 'public\.models'::regclass and attname = 'model_version'/);
    assert.match(sql, /alter table if exists public\.book_chapters rename to books_chapters;/);
    assert.doesNotMatch(sql, /add column/);
    assert.deepEqual(remaining, []);
    assert.deepEqual(planned.withheld, []);
  });

  test('a new NOT NULL column comes with a backfill note, or the backfill sequence when asked', async () => {
    const plain = plan(await inspectSql('create table t (id int);'), await inspectSql('create table t (id int, v text not null);'));
    assert.match(plain.steps.find((s) => /add column/.test(s.sql))!.note!, /fails if public\.t has rows/);
    const { sql, remaining } = await converge('create table t (id int);', 'create table t (id int, v text not null);', { backfill: true });
    assert.match(sql, /add column if not exists v text;\n-- backfill public\.t\.v before it becomes NOT NULL[\s\S]*alter column v set not null;/);
    assert.deepEqual(remaining, []);
  });

  test('views that read a changed column are rebuilt around the change', async () => {
    const { remaining, sql } = await converge(
      'create table t (a int, b int); create view v as select a from t; create view w as select a from v;',
      'create table t (a bigint, b int); create view v as select a from t; create view w as select a from v;',
    );
    assert.deepEqual(remaining, []);
    assert.ok(sql.indexOf('drop view if exists public.w') < sql.indexOf('drop view if exists public.v'));
  });

  test('policies, RLS, triggers and functions converge', async () => {
    const base = 'create table d (id int, owner text); create function f() returns trigger language plpgsql as $$ begin return new; end $$;';
    const { remaining } = await converge(
      `${base} create policy a on d using (true); create trigger t before insert on d for each row execute function f();`,
      `${base} alter table d enable row level security, force row level security; create policy a on d for select using (owner = current_user); create policy "New Policy" on d for insert with check (true);
       create or replace function f() returns trigger language plpgsql security definer set search_path = '' as $$ begin new.owner := current_user; return new; end $$;
       create trigger t before insert or update on d for each row execute function f(); alter table d disable trigger t;`,
    );
    assert.deepEqual(remaining, []);
  });
});

describe('verifying a plan', () => {
  test('from a live database: its copy is built from its model, then the plan runs on it', async () => {
    const db = await createDatabase('pg17', 'create table t (id int primary key, name text); create index t_name on t (name);');
    try {
      const live = await loadSource({ kind: 'live', url: db.url });
      const to = await loadSource({ kind: 'sql', path: 'test/fixtures/views.sql' });
      const planned = plan(live.schema, to.schema, { allowDestructive: true });
      const { remaining } = await verifyPlan({ kind: 'live', url: db.url }, live.schema, to.schema, planned, {});
      assert.deepEqual(remaining, []);
      // The copy really is the live schema.
      const copy = await shadowCopy({ kind: 'live', url: db.url }, live.schema, {});
      try {
        assert.deepEqual(diff(await inspect(copy), live.schema), []);
      } finally {
        await copy.close();
      }
    } finally {
      await db.drop();
    }
  });

  test("the copy is exact on the Supabase base too: its default privileges do not count as the live database's", async () => {
    const db = await createDatabase('pg17', 'create table t (id int primary key);');
    try {
      const live = await loadSource({ kind: 'live', url: db.url });
      assert.equal(live.schema.tables[0]!.grants, undefined);
      const copy = await shadowCopy({ kind: 'live', url: db.url }, live.schema, { supabase: true });
      try {
        assert.deepEqual(diff(await inspect(copy), live.schema).map((c) => c.message), []);
      } finally {
        await copy.close();
      }
      const { remaining } = await verifyPlan({ kind: 'live', url: db.url }, live.schema, live.schema, plan(live.schema, live.schema), { supabase: true });
      assert.deepEqual(remaining, []);
    } finally {
      await db.drop();
    }
  });

  test('what a plan cannot explain is reported', () => {
    const planned = plan(emptySchema(), emptySchema());
    const leftover = [{ kind: 'column' as const, action: 'missing' as const, object: 'public.t.x', table: 'public.t', severity: 'error' as const, message: 'column public.t.x is missing' }];
    assert.equal(unexplained(leftover, planned).length, 1);
    assert.equal(unexplained(leftover, { ...planned, withheld: [{ object: 'public.t', reason: 'x' }] }).length, 0);
  });
});
