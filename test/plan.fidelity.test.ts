/**
 * What a schema migration must reproduce, checked as `pgdrift plan` checks it: the plan runs on a
 * shadow copy of `from`, and the shadow's whole catalog (not only the model) must then match `to`'s.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CatalogState } from '../src/inspect/catalog-state.js';
import { diff } from '../src/diff/diff.js';
import { emptySchema } from '../src/model/empty.js';
import { plan } from '../src/plan/plan.js';
import { describeCatalogDifference, unmodelledDifferences } from '../src/plan/catalog-check.js';
import { applyPlan, verifyPlan } from '../src/plan/verify.js';
import { createPgliteShadow } from '../src/shadow/pglite.js';
import { loadSource } from '../src/sources/load.js';
import { inspectSql } from './helpers/schema.js';
import { tempFiles } from './helpers/temp.js';

/** Plan from → to between two SQL files and verify it; what is left, by model and by catalog. */
async function converge(fromSql: string, toSql: string, { allowDestructive = true } = {}) {
  const dir = tempFiles({ 'a.sql': fromSql, 'b.sql': toSql });
  const a = { kind: 'sql' as const, path: join(dir, 'a.sql') };
  const b = { kind: 'sql' as const, path: join(dir, 'b.sql') };
  const [from, to] = await Promise.all([loadSource(a, { catalog: true }), loadSource(b, { catalog: true })]);
  const planned = plan(from.schema, to.schema, { allowDestructive });
  const v = await verifyPlan(a, from.schema, to.schema, planned, { catalogs: { from: from.catalog, to: to.catalog }, targetKind: 'sql' });
  const left = [...v.remaining.map((c) => c.message), ...v.unmodelled.map(describeCatalogDifference), ...planned.withheld.map((w) => w.reason)];
  return { left, sql: planned.steps.map((s) => s.sql).join('\n'), skipped: v.catalogSkipped, from: from.schema, to: to.schema };
}

describe('plans reproduce what the catalog holds', () => {
  test('collations, UNLOGGED, COST and ROWS, type grants, ALTER DOMAIN, renamed parameters, row-type and domain dependencies', async () => {
    const from = `
      create role pgdrift_fidelity_app nologin;
      create collation posix_c (provider = libc, locale = 'POSIX');
      create table logged_t (id int); create unlogged table scratch_t (id int);
      create type mood as enum ('ok');
      create domain rating as integer default 3 check (value between 1 and 10);
      create function named(old_name text) returns text language sql as $$ select old_name $$;`;
    const to = `
      create role pgdrift_fidelity_app nologin;
      create unlogged table logged_t (id int); create table scratch_t (id int);
      create type mood as enum ('ok'); grant usage on type mood to pgdrift_fidelity_app;
      create domain rating as integer check (value between 1 and 5) not null;
      create function named(new_name text) returns text language sql as $$ select new_name $$;
      create function valid_code(v text) returns boolean language sql immutable as $$ select v like 'c%' $$;
      create domain code as text check (valid_code(value));
      create table activity (id int, title text collate "C");
      create function titles(a activity) returns setof text language sql stable cost 5 rows 3 as $$ select a.title $$;`;
    const { left, sql, skipped } = await converge(from, to);
    assert.equal(skipped, undefined);
    assert.deepEqual(left, [], sql);
    assert.match(sql, /^drop function if exists public\.named\(old_name text\);\ncreate or replace function public\.named\(new_name text\)/m);
    assert.match(sql, /^alter domain public\.rating drop default;$/m);
    assert.match(sql, /^alter table public\.logged_t set unlogged;$/m);
    assert.match(sql, /^grant usage on type public\.mood to pgdrift_fidelity_app;$/m);
    assert.ok(sql.indexOf('create table if not exists public.activity') < sql.indexOf('function public.titles('), 'the table before the function of its row type');
    assert.ok(sql.indexOf('function public.valid_code(') < sql.indexOf('create domain public.code'), 'the function before the domain that calls it');
  });

  test('default privileges, in a schema and everywhere, with grant option', async () => {
    const roles = 'create role pgdrift_fidelity_reader nologin; create role pgdrift_fidelity_admin nologin;';
    const from = `${roles} alter default privileges in schema public grant select on tables to pgdrift_fidelity_reader;`;
    const to = `${roles}
      alter default privileges in schema public grant select, insert on tables to pgdrift_fidelity_admin with grant option;
      alter default privileges revoke execute on functions from public;
      create table later (id int);`;
    const converged = await converge(from, to);
    const { left, sql } = converged;
    assert.deepEqual(left, [], sql);
    assert.match(sql, /^alter default privileges for role postgres in schema public revoke select on tables from pgdrift_fidelity_reader;$/m);
    assert.match(sql, /^alter default privileges for role postgres revoke execute on functions from public;$/m);
    const changes = diff(converged.from, converged.to).filter((c) => c.object.startsWith('default privileges'));
    assert.ok(changes.some((c) => c.message === 'pgdrift_fidelity_admin lacks INSERT, SELECT with grant option on tables that postgres in schema public creates (default privileges)'), JSON.stringify(changes));
  });

  test('children of INHERITS get their columns from the parent, not as their own', async () => {
    const to = `create table parent (id bigserial, kind text not null);
      create table child (constraint kind_a check (kind = 'a'), extra int) inherits (parent);`;
    const { left, sql } = await converge('create table other (id int);', to);
    assert.deepEqual(left, [], sql);
    assert.match(sql, /create table if not exists public\.child \(\n {2}extra integer\n\) inherits \(public\.parent\);/);
  });

  test('a column dropped from a parent stays in a child that keeps it, as its own', async () => {
    const from = 'create table parent (id int, note text); create table child (extra int) inherits (parent); create table other (note text) inherits (parent);';
    const to = 'create table parent (id int); create table child (note text, extra int) inherits (parent); create table other () inherits (parent);';
    const { left, sql } = await converge(from, to);
    assert.deepEqual(left, [], sql);
    assert.match(sql, /^alter table only public\.parent drop column if exists note;$/m);
    // Without --allow-destructive the parent keeps the column, so the child only inherits it still: said, not claimed.
    const safe = await converge(from, to, { allowDestructive: false });
    assert.deepEqual(safe.left, [
      'public.child.note stays inherited from public.parent until the column is dropped there, which needs --allow-destructive',
      'drops column public.other.note and its data: needs --allow-destructive',
      'drops column public.parent.note and its data: needs --allow-destructive',
    ], safe.sql);
  });

  test('composite types: attributes added, dropped and retyped with ALTER TYPE; what PostgreSQL refuses is said', async () => {
    const used = await converge("create type addr as (street text, city text, zip int); create table t (id int, a addr); insert into t values (1, row('s', 'c', 1));", 'create type addr as (street text, city text, country text); create table t (id int, a addr);');
    assert.deepEqual(used.left, [], used.sql);
    assert.match(used.sql, /^alter type public\.addr drop attribute if exists zip;$/m);
    assert.match(used.sql, /alter type public\.addr add attribute country text;/);
    const retyped = await converge('create type p as (x int, y int);', 'create type p as (x bigint, y int, z text);');
    assert.deepEqual(retyped.left, [], retyped.sql);
    assert.match(retyped.sql, /^alter type public\.p alter attribute x set data type bigint;$/m);
    const reordered = await converge('create type p as (x int, y int);', "create type p as (y int, x int); comment on type p is 'point';");
    assert.deepEqual(reordered.left, [], reordered.sql);
    assert.match(reordered.sql, /^drop type if exists public\.p;$/m);
    // A column of the type keeps PostgreSQL from changing an attribute's type: withheld, with the column.
    const refused = await converge('create type p as (x int); create table t (v p);', 'create type p as (x bigint); create table t (v p);');
    assert.deepEqual(refused.left, ['composite type public.p changes attribute x from integer to bigint while public.t.v has the type: change it by hand']);
  });

  test('without --allow-destructive, a domain CHECK kept in place is what the plan lists as not planned, and nothing else', async () => {
    const { left, sql } = await converge('create domain d as int check (value > 0);', 'create domain d as int not null constraint small check (value < 100);', { allowDestructive: false });
    assert.deepEqual(left, ['drops constraint d_check of domain public.d: needs --allow-destructive'], sql);
  });

  test("range types: created with their options, dropped; a changed one in use is withheld; their constructor functions are the type's", async () => {
    const ranges = `create type floatrange as range (subtype = float8, subtype_diff = float8mi);
      create type textrange as range (subtype = text, collation = "C"); comment on type floatrange is 'floats';`;
    const schema = await inspectSql(ranges);
    assert.deepEqual(schema.functions.map((f) => f.name), []);
    assert.deepEqual(schema.rangeTypes?.map((r) => [r.name, r.subtype, r.collation, r.subtypeDiff, r.multirange]), [
      ['floatrange', 'double precision', undefined, 'float8mi', 'public.floatmultirange'],
      ['textrange', 'text', 'C', undefined, 'public.textmultirange'],
    ]);
    const added = await converge('create table t (id int);', `${ranges} create table t (id int, r floatrange, s textrange);`);
    assert.deepEqual(added.left, [], added.sql);
    const dropped = await converge(ranges, '');
    assert.deepEqual(dropped.left, [], dropped.sql);
    const changed = await converge('create type r as range (subtype = int4); create table u (x r);', 'create type r as range (subtype = int8); create table u (x r);');
    assert.deepEqual(changed.left, ['range type public.r is defined otherwise ({"schema":"public","name":"r","subtype":"bigint","multirange":"public.r_multirange"}) and column public.u.x uses it: PostgreSQL cannot alter a range type; create one under a new name and move the columns to it by hand']);
  });

  test('functions and types are created each after, and dropped each before, what it depends on, either way round', async () => {
    const from = `create function pos(x int) returns bool language sql immutable as $$ select x > 0 $$;
      create domain d as int check (pos(value));
      create type pair as (a d, b int);
      create function first(p pair) returns d language sql as $$ select p.a $$;
      create function wrap(x d) returns pair language sql return row(x, 1)::pair;
      create type mood as enum ('ok'); create function moody(m mood[]) returns int language sql as $$ select 1 $$;
      create type span as range (subtype = d);`;
    // Created the other way round: each after what it depends on.
    const created = await converge('', from);
    assert.deepEqual(created.left, [], created.sql);
    const { left, sql } = await converge(from, 'create table keep (id int);');
    assert.deepEqual(left, [], sql);
    const at = (what: string) => sql.indexOf(what);
    assert.ok(at('drop function if exists public.first') < at('drop type if exists public.pair;') && at('drop type if exists public.pair;') < at('drop domain if exists public.d;') && at('drop domain if exists public.d;') < at('drop function if exists public.pos'), sql);
  });

  test('policies, defaults and CHECKs that call a function the plan drops and creates again are rebuilt around it', async () => {
    const table = `create table doc (id int, owner int default next_owner(0), constraint real check (is_owner(owner)));
      alter table doc enable row level security; create policy mine on doc using (is_owner(owner));`;
    const from = `create function is_owner(uid int) returns bool language sql stable as $$ select uid > 0 $$;
      create function next_owner(seed int) returns int language sql as $$ select seed + 1 $$; ${table}`;
    const to = `create function is_owner(user_id int) returns bool language sql stable as $$ select user_id > 0 $$;
      create function next_owner(seed int) returns bigint language sql as $$ select seed + 1::bigint $$; ${table}`;
    const { left, sql } = await converge(from, to);
    assert.deepEqual(left, [], sql);
    assert.ok(sql.indexOf('drop policy if exists mine on public.doc;') < sql.indexOf('drop function if exists public.is_owner(uid integer);'), sql);
  });

  test('indexes, triggers, domains, argument defaults and a dropped table that use a recreated function, as the catalog records it, are rebuilt around it or go first', async () => {
    const uses = (f: string) => `create table t (n text, m text); create index by_f on t (${f}(n));
      create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
      create trigger t_f before insert on t for each row when (${f}(new.n) <> '') execute function tg();
      create domain word as text default ${f}('x') check (${f}(value) <> '');
      create function wrap(x text default ${f}('y')) returns text language sql as $$ select x $$;`;
    const fn = (arg: string) => `create function norm(${arg} text) returns text language sql immutable as $$ select lower(${arg}) $$;`;
    const from = `${fn('a')} ${uses('norm')} create table old_t (v text default norm('z'));`;
    const { left, sql } = await converge(from, `${fn('b')} ${uses('norm')}`);
    assert.deepEqual(left, [], sql);
    const at = (what: string) => sql.indexOf(what);
    const dropped = at('drop function if exists public.norm(a text);');
    for (const before of ['drop index if exists public.by_f;', 'drop trigger if exists t_f on public.t;', 'alter domain public.word drop constraint if exists word_check;', 'alter domain public.word drop default;', 'drop function if exists public.wrap(x text);', 'drop table if exists public.old_t;']) {
      assert.ok(at(before) >= 0 && at(before) < dropped, `${before}\n${sql}`);
    }
    assert.ok(dropped < at('create or replace function public.norm(b text)') && at('create or replace function public.norm(b text)') < at('create or replace function public.wrap('), sql);

    const generated = await converge(`${fn('a')} create table g (n text, l text generated always as (norm(n)) stored);`, `${fn('b')} create table g (n text, l text generated always as (norm(n)) stored);`);
    assert.deepEqual(generated.left, ['function public.norm(a text) must be dropped and created again (its result, kind or argument names change), and generated column public.g.l uses it: PostgreSQL cannot drop it while that exists, nor pgdrift rebuild that around it; change it by hand']);
    assert.doesNotMatch(generated.sql, /function public\.norm/);
  });

  test("functions and types that use a table's or view's row type are dropped before it, and created after it", async () => {
    const rowTyped = `create table t (id int); create view v as select id from t;
      create function of_t(x t) returns int language sql as $$ select x.id $$; create function all_t() returns setof t language sql as $$ select * from t $$;
      create function of_v(x v) returns int language sql as $$ select x.id $$; create view uses_f as select of_t(t) as id from t;`;
    const dropped = await converge(rowTyped, '');
    assert.deepEqual(dropped.left, [], dropped.sql);
    const at = (what: string) => dropped.sql.indexOf(what);
    assert.ok(at('drop view if exists public.uses_f;') < at('drop function if exists public.of_t(x public.t);') && at('drop function if exists public.of_t(x public.t);') < at('drop table if exists public.t;'), dropped.sql);
    assert.ok(at('drop function if exists public.of_v(x public.v);') < at('drop view if exists public.v;'), dropped.sql);

    const created = await converge('', "create table t (id int); create type pair as (a t, b int); create sequence s; create domain counter as bigint default nextval('s');");
    assert.deepEqual(created.left, [], created.sql);
    assert.ok(created.sql.indexOf('create table if not exists public.t') < created.sql.indexOf('create type public.pair'), created.sql);
    assert.ok(created.sql.indexOf('create sequence') < created.sql.indexOf('create domain public.counter'), created.sql);
  });

  test('a function whose result type changes is dropped after the views that call it, which are rebuilt around it', async () => {
    const { left, sql } = await converge('create function f() returns int language sql as $$ select 1 $$; create view v as select f() as x;', 'create function f() returns bigint language sql as $$ select 1::bigint $$; create view v as select f() as x;');
    assert.deepEqual(left, [], sql);
    assert.ok(sql.indexOf('drop view if exists public.v;') < sql.indexOf('drop function if exists public.f();'), sql);
  });

  test('an IN list on varchar, as PostgreSQL prints it back, is the same CHECK, and a plan re-issues it as stored', async () => {
    const written = await inspectSql("create table o (status varchar(10), constraint valid check (status in ('new', 'done')));");
    const reissued = await inspectSql(`create table o (status varchar(10), constraint valid check (${written.tables[0]!.constraints[0]!.definition.replace(/^CHECK /, '')}));`);
    assert.notEqual(reissued.tables[0]!.constraints[0]!.definition, written.tables[0]!.constraints[0]!.definition);
    assert.deepEqual(diff(reissued, written), []);
    const { left, sql } = await converge('create table o (status varchar(10));', "create table o (status varchar(10), constraint valid check (status in ('new', 'done')));");
    assert.deepEqual(left, [], sql);
  });
});

describe('dependencies the plan must respect', () => {
  test('triggers on a view that is rebuilt are created again', async () => {
    const view = `create view v as select id from t;
      create function v_insert() returns trigger language plpgsql as $$ begin insert into t values (new.id); return new; end $$;
      create trigger v_ins instead of insert on v for each row execute function v_insert();`;
    const { left, sql } = await converge(`create table t (id int); ${view}`, `create table t (id bigint); ${view}`);
    assert.deepEqual(left, [], sql);
    assert.match(sql, /create or replace trigger v_ins instead of insert on public\.v/i);
  });

  test('functions with SQL-standard bodies, which PostgreSQL checks at once: after what they read, before what calls them, dropped first', async () => {
    const schema = (view: string) => `create table t (id int);
      ${view}
      create function counted() returns bigint language sql stable return (select count(*) from t);
      create function viewed() returns bigint language sql stable begin atomic select count(*) from v; end;
      create view w as select counted() as n, viewed() as m;`;
    const before = schema('create view v as select id from t;');
    const after = schema('create view v as select id, id * 2 as twice from t;');
    let sql = '';
    for (const [from, to] of [['', before], [before, after], [after, before], [before, '']]) {
      const result = await converge(from!, to!);
      assert.deepEqual(result.left, [], `${from} → ${to}:\n${result.sql}`);
      if (from === before && to === after) sql = result.sql;
    }
    // The rebuilt view's reader is dropped before it and created again after it, and the view calling that one after both.
    const at = (re: RegExp) => sql.search(re);
    assert.ok(at(/drop view if exists public\.w/) < at(/drop function if exists public\.viewed\(\)/) && at(/drop function if exists public\.viewed\(\)/) < at(/drop view if exists public\.v;/), sql);
    assert.ok(at(/create or replace view public\.v /) < at(/function public\.viewed\(\)/) && at(/function public\.viewed\(\)\n/) < at(/create or replace view public\.w /), sql);
  });

  test('tables are dropped before the tables they reference', async () => {
    // "a" sorts first, but "b" references it: dropped by name, "a" would fail.
    const { left, sql } = await converge('create table a (id int primary key); create table b (id int primary key, a_id int references a);', '');
    assert.deepEqual(left, [], sql);
    assert.ok(sql.indexOf('drop table if exists public.b;') < sql.indexOf('drop table if exists public.a;'), sql);
  });

  test('views of <from> are dropped in the order the catalog records, also where their text does not show it', async () => {
    const from = await inspectSql('create view b_base as select 1 as x; create view a_dep as select x from b_base;');
    // The same catalog, with a_dep's text no longer naming what it reads: the order must still come from pg_depend.
    const opaque = { ...from, views: from.views.map((v) => (v.name === 'a_dep' ? { ...v, definition: ' SELECT 1 AS x;' } : v)) };
    const sql = plan(opaque, emptySchema(), { allowDestructive: true }).steps.map((x) => x.sql).join('\n');
    assert.ok(sql.indexOf('drop view if exists public.a_dep;') < sql.indexOf('drop view if exists public.b_base;'), sql);
  });

  test('a composite type or domain of a dropped table\'s row type, and what uses it, is dropped before the table', async () => {
    const from = `create table t (id int primary key, label text);
      create type holder as (item t, n int); create domain item_d as t;
      create type outer_holder as (h holder);
      create function count_of(h holder) returns int language sql as $$ select (h).n $$;
      create table a_user (id int references t, o outer_holder);
      create table kept (id int);`;
    const { left, sql } = await converge(from, 'create table kept (id int);');
    assert.deepEqual(left, [], sql);
    const at = (s: string) => sql.indexOf(s);
    assert.ok(at('drop function if exists public.count_of(') < at('drop type if exists public.holder;'), sql);
    // The table with a column of a type of t's row type goes first, then the types, then t.
    assert.ok(at('drop table if exists public.a_user;') < at('drop type if exists public.outer_holder;') && at('drop type if exists public.outer_holder;') < at('drop type if exists public.holder;'), sql);
    assert.ok(at('drop type if exists public.holder;') < at('drop table if exists public.t;') && at('drop domain if exists public.item_d;') < at('drop table if exists public.t;'), sql);
  });

  test('a changed domain CHECK or default that calls a recreated function is set once the function is back', async () => {
    const schema = (arg: string, check: string) => `
      create function valid(${arg} text) returns boolean language sql immutable as $$ select length(${arg}) > 1 $$;
      create function label(${arg} text) returns text language sql immutable as $$ select upper(${arg}) $$;
      create domain code as text constraint code_check check (${check});
      create domain tag as text default label('${check.length}');`;
    const { left, sql } = await converge(schema('v', 'valid(value)'), schema('w', "valid(value) and value <> 'x'"));
    assert.deepEqual(left, [], sql);
    assert.ok(sql.indexOf('create or replace function public.valid(w text)') < sql.lastIndexOf('alter domain public.code add constraint code_check'), sql);
    assert.ok(sql.indexOf('create or replace function public.label(w text)') < sql.lastIndexOf('alter domain public.tag set default'), sql);
  });

  test('a changed range type that nothing uses is replaced, with its comment and grants; one a column uses is withheld, naming it', async () => {
    const schema = (subtype: string, column = '') => `create role pgdrift_range_reader nologin;
      create type span as range (subtype = ${subtype}); comment on type span is 'a span';
      grant usage on type span to pgdrift_range_reader; ${column}`;
    const replaced = await converge(schema('int4'), schema('int8'));
    assert.deepEqual(replaced.left, [], replaced.sql);
    assert.match(replaced.sql, /^drop type if exists public\.span;$/m);
    const used = await converge(schema('int4', 'create table t (s span_multirange);'), schema('int8', 'create table t (s span_multirange);'));
    assert.equal(used.left.length, 1, used.sql);
    assert.match(used.left[0]!, /range type public\.span is defined otherwise .* and column public\.t\.s uses it/);
    assert.doesNotMatch(used.sql, /drop type/);
  });

  test('a recreated function that a range type uses is withheld with the reason: PostgreSQL cannot drop it, nor a plan rebuild the type', async () => {
    const schema = (a: string, b: string) => `create function diff8(${a} float8, ${b} float8) returns float8 language sql immutable as $$ select ${a} - ${b} $$;
      create type span8 as range (subtype = float8, subtype_diff = diff8);`;
    const { left, sql } = await converge(schema('a', 'b'), schema('x', 'y'));
    assert.equal(left.length, 1, sql);
    assert.match(left[0]!, /function public\.diff8\(a double precision, b double precision\) must be dropped and created again .*type public\.span8 uses it/);
    assert.doesNotMatch(sql, /drop function/);
  });

  test('a type change PostgreSQL has no cast for is withheld, with the reason, not written as SQL that cannot run', async () => {
    const from = await inspectSql('create table t (n integer, d text, w integer);');
    const to = await inspectSql('create table t (n uuid, d date, w bigint);');
    const planned = plan(from, to, { allowDestructive: true });
    assert.deepEqual(planned.withheld.map((w) => w.object), ['public.t.n']);
    assert.match(planned.withheld[0]!.reason, /changes from integer to uuid, between which PostgreSQL has no cast: change it by hand with a USING expression/);
    const sql = planned.steps.map((x) => x.sql).join('\n');
    assert.doesNotMatch(sql, /alter column n /);
    assert.match(sql, /alter column d type date using d::date;/);
  });
});

describe('identity options', () => {
  const plain = 'create table t (id int generated always as identity, n int);';
  const options = 'create table t (id int generated by default as identity (start with 100 increment by 5 cache 10), n int);';

  test('are in the model as written, only where they are not the defaults for the type, and diffed', async () => {
    assert.equal((await inspectSql(plain)).tables[0]!.columns[0]!.identityOptions, undefined);
    assert.equal((await inspectSql(options)).tables[0]!.columns[0]!.identityOptions, 'increment by 5 start with 100 cache 10');
    assert.equal((await inspectSql('create table t (id bigint generated always as identity (maxvalue 9223372036854775807 minvalue 1))')).tables[0]!.columns[0]!.identityOptions, undefined);
    const changes = diff(await inspectSql(plain), await inspectSql(options));
    assert.deepEqual(changes.map((c) => [c.attribute, c.severity]), [['identity', 'error'], ['identityOptions', 'warning']]);
  });

  test('are planned, both ways, on a new column and after a type change, and converge by catalog', async () => {
    for (const [from, to] of [[plain, options], [options, plain], ['create table t (n int);', options], [options, 'create table t (id bigint generated by default as identity (start with 100 increment by 5 cache 10), n int);']]) {
      const { left, sql } = await converge(from!, to!);
      assert.deepEqual(left, [], `${from} → ${to}:\n${sql}`);
    }
  });

  test('a sequence turned to count down starts again, which needs --allow-destructive', async () => {
    const down = 'create table t (id int generated always as identity (increment by -1), n int);';
    const planned = plan(await inspectSql(plain), await inspectSql(down));
    assert.match(planned.withheld.map((w) => w.reason).join('\n'), /restarts the identity of public\.t\.id, which now counts the other way/);
    const { left } = await converge(plain, down);
    assert.deepEqual(left, []);
  });
});

describe('a serial column that becomes an identity column', () => {
  test('keeps its sequence name and position: the next insert gets a new id', async () => {
    const from = "create table t (id serial primary key, v text); insert into t (v) values ('a'), ('b');";
    const to = 'create table t (id int generated always as identity primary key, v text);';
    const planned = plan(await inspectSql(from), await inspectSql(to));
    assert.deepEqual(planned.withheld, [], 'nothing withheld, without --allow-destructive');
    const shadow = await createPgliteShadow({ supabase: false, extensions: [], roles: [] });
    try {
      await shadow.exec(from);
      await applyPlan(shadow, planned);
      await applyPlan(shadow, planned); // idempotent
      const { rows } = await shadow.query("insert into t (v) values ('c') returning id, pg_get_serial_sequence('public.t', 'id') as seq");
      assert.deepEqual(rows, [{ id: 3, seq: 'public.t_id_seq' }]);
    } finally {
      await shadow.close();
    }
  });
});

describe('catalog differences a plan leaves', () => {
  const state = (facts: Record<string, string>): CatalogState => ({ major: 17, supabase: false, facts: new Map(Object.entries(facts)) });
  const none = { steps: [], withheld: [] };

  test('count when the plan had to change them or broke them; not when the real source agrees with the target', () => {
    const target = state({ 'collation public.c': '', 'sequence public.s · definition': 'integer' });
    // Replayed source: the shadow is the real thing.
    assert.deepEqual(unmodelledDifferences(state({}), state({}), target, state({}), none).map((d) => d.key), ['collation public.c', 'sequence public.s · definition']);
    // A live source, rebuilt from the model: what the model lacks is missing from the shadow, but the real source has it.
    const real = state({ 'collation public.c': '', 'sequence public.s · definition': 'bigint' });
    assert.deepEqual(unmodelledDifferences(state({}), state({}), target, real, none).map((d) => d.key), ['sequence public.s · definition']);
    // Equal before the plan, different after: the plan broke it, whatever the real source says.
    const before = state({ 'collation public.c': '' });
    assert.deepEqual(unmodelledDifferences(before, state({}), target, real, none).map((d) => d.key), ['collation public.c', 'sequence public.s · definition']);
    // What the plan withheld is not a surprise.
    const withheld = { steps: [], withheld: [{ object: 'public.s', reason: 'needs --allow-destructive' }] };
    assert.deepEqual(unmodelledDifferences(before, state({}), target, real, withheld).map((d) => d.key), ['collation public.c']);
  });
});
