/**
 * `diff(from, to)` object kind by object kind: each case builds both schemas in a real (PGlite)
 * database and asserts exactly which changes come out, with their severities.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { diff } from '../src/diff/diff.js';
import type { Change } from '../src/diff/types.js';
import { closeShadow, inspectSql } from './helpers/schema.js';

after(closeShadow);

type Expect = [kind: Change['kind'], action: Change['action'], severity: Change['severity'], object: string];

async function changes(from: string, to: string): Promise<Change[]> {
  return diff(await inspectSql(from), await inspectSql(to));
}

async function expectChanges(from: string, to: string, expected: Expect[]): Promise<Change[]> {
  const found = await changes(from, to);
  const got = found.map((c) => [c.kind, c.action, c.severity, c.object]);
  assert.deepEqual(
    got.map((x) => x.join(' ')).sort(),
    expected.map((x) => x.join(' ')).sort(),
    found.map((c) => c.message).join('\n'),
  );
  for (const c of found) assert.ok(c.message.length > 10, 'every change has a human message');
  return found;
}

const T = 'create table t (id int primary key, name text not null default \'x\', n numeric(10,2));';

describe('diff: tables and columns', () => {
  test('identical schemas have no changes', () => expectChanges(T, T, []));
  test('a missing table is one error, an extra table one warning', () =>
    expectChanges('create table old (id int);', T, [
      ['table', 'missing', 'error', 'public.t'],
      ['table', 'extra', 'warning', 'public.old'],
    ]));
  test('missing and extra columns', () =>
    expectChanges('create table t (id int primary key, name text not null default \'x\', legacy int);', 'create table t (id int primary key, name text not null default \'x\', n numeric(10,2), "Weird Name" int);', [
      ['column', 'missing', 'error', 'public.t.n'],
      ['column', 'missing', 'error', 'public.t."Weird Name"'],
      ['column', 'extra', 'warning', 'public.t.legacy'],
    ]));
  test('type, nullability, default, identity, generated and collation differences are errors', async () => {
    const found = await expectChanges(
      'create table t (id int, a text, b int not null, c text default \'a\', d int, e int, f text);',
      'create table t (id int generated always as identity, a varchar(10), b int, c text default \'b\', d int, e int generated always as (d * 2) stored, f text collate "C");',
      [
        ['column', 'different', 'error', 'public.t.id'],
        ['column', 'different', 'error', 'public.t.id'],
        ['column', 'different', 'error', 'public.t.a'],
        ['column', 'different', 'error', 'public.t.b'],
        ['column', 'different', 'error', 'public.t.c'],
        ['column', 'different', 'error', 'public.t.e'],
        ['column', 'different', 'error', 'public.t.f'],
      ],
    );
    assert.deepEqual(found.map((c) => c.attribute).sort(), ['collation', 'default', 'generated', 'identity', 'notNull', 'notNull', 'type']);
    assert.ok(found.some((c) => c.message === 'column public.t.a: type is text, expected character varying(10)'));
  });
  test('defaults written differently but equal do not count', () =>
    expectChanges("create table t (a text default 'x'::text, b timestamptz default now());", "create table t (a text default ('x'), b timestamptz default (now()));", []));
  test('array defaults are the same value in any spelling: ARRAY[...] and \'{...}\'', () =>
    expectChanges(
      "create type r as enum ('USER', 'ADMIN'); create table t (a text[] default ARRAY[]::text[], b r[] default ARRAY['USER']::r[], c int[] default ARRAY[1, 0], d text[] default ARRAY['a b', 'c']);",
      "create type r as enum ('USER', 'ADMIN'); create table t (a text[] default '{}', b r[] default '{USER}', c int[] default '{1,0}', d text[] default '{\"a b\",c}');",
      [],
    ));
  test('array defaults with other values or types differ', () =>
    expectChanges("create table t (a text[] default ARRAY['x']::text[], c bigint[] default ARRAY[1, 0]);", "create table t (a text[] default '{y}', c bigint[] default '{1,1}');", [
      ['column', 'different', 'error', 'public.t.a'],
      ['column', 'different', 'error', 'public.t.c'],
    ]));
  test('column order alone is info', () =>
    expectChanges('create table t (a int, b int);', 'create table t (b int, a int);', [['table', 'different', 'info', 'public.t']]));
  test('partitioning differences are errors', () =>
    expectChanges('create table e (id int, at date);', 'create table e (id int, at date) partition by range (at);', [['table', 'different', 'error', 'public.e']]));
});

describe('diff: renames', () => {
  test('columns renamed are reported as renames with confidence, not drop plus add', async () => {
    const found = await expectChanges(
      'create table models (id int, model_version text, last_trained_at timestamptz, name text);',
      'create table models (id int, version text, trained_at timestamptz, name text);',
      [
        ['column', 'rename', 'error', 'public.models.model_version'],
        ['column', 'rename', 'error', 'public.models.last_trained_at'],
      ],
    );
    const byName = Object.fromEntries(found.map((c) => [c.renamedTo, c.confidence]));
    assert.ok(byName.version! >= 0.7 && byName.version! < 1);
    assert.ok(byName.trained_at! >= 0.7 && byName.trained_at! < 1);
  });
  test('a column of another type is not a rename', () =>
    expectChanges('create table m (id int, model_version text);', 'create table m (id int, version int);', [
      ['column', 'missing', 'error', 'public.m.version'],
      ['column', 'extra', 'warning', 'public.m.model_version'],
    ]));
  test('a table with the same columns under a similar name is a probable rename', async () => {
    const found = await expectChanges('create table book_chapters (id int primary key, title text);', 'create table books_chapters (id int primary key, title text);', [
      ['table', 'rename', 'error', 'public.book_chapters'],
      ['constraint', 'different', 'info', 'public.books_chapters.books_chapters_pkey'],
    ]);
    assert.equal(found.find((c) => c.kind === 'table')!.renamedTo, 'books_chapters');
  });
  test('the config can reject a rename, or confirm one the heuristics would not guess', async () => {
    const from = await inspectSql('create table m (id int, a text);');
    const to = await inspectSql('create table m (id int, zzz text);');
    const rejected = diff(from, to, { renames: [{ kind: 'column', from: 'public.m.a', to: 'zzz', confirmed: false }] });
    assert.deepEqual(rejected.map((c) => c.action).sort(), ['extra', 'missing']);
    const from2 = await inspectSql('create table m (id int, a text, b int);');
    const to2 = await inspectSql('create table m (id int, b int, zzz text);');
    assert.deepEqual(diff(from2, to2).map((c) => c.action).sort(), ['extra', 'missing']);
    const confirmed = diff(from2, to2, { renames: [{ kind: 'column', from: 'public.m.a', to: 'zzz', confirmed: true }] });
    assert.deepEqual(confirmed.filter((c) => c.kind === 'column').map((c) => [c.action, c.confidence]), [['rename', 1]]);
  });
});

describe('diff: constraints and indexes', () => {
  test('missing, extra and different constraints', () =>
    expectChanges(
      'create table p (id int primary key); create table c (id int, p int, v int, constraint c_v check (v > 0), constraint c_u unique (v));',
      'create table p (id int primary key); create table c (id int, p int references p on delete cascade, v int, constraint c_v check (v > 1));',
      [
        ['constraint', 'missing', 'error', 'public.c.c_p_fkey'],
        ['constraint', 'different', 'error', 'public.c.c_v'],
        ['constraint', 'extra', 'warning', 'public.c.c_u'],
      ],
    ));
  test('a constraint named differently with the same definition is info', () =>
    expectChanges('create table c (v int constraint a check (v > 0));', 'create table c (v int constraint b check (v > 0));', [['constraint', 'different', 'info', 'public.c.b']]));
  test('indexes: missing is an error, extra and different are warnings, renamed is info', () =>
    expectChanges(
      'create table t (a text, b int); create index t_b on t (b); create index t_old on t (a); create index t_x on t (b);',
      'create table t (a text, b int); create index t_b on t (b desc); create index t_lower on t (lower(a)); create index t_y on t (b);',
      [
        ['index', 'missing', 'error', 'public.t.t_lower'],
        ['index', 'extra', 'warning', 'public.t.t_old'],
        ['index', 'different', 'warning', 'public.t.t_b'],
        ['index', 'different', 'info', 'public.t.t_y'],
      ],
    ));
  test('a foreign key whose column type differs from the referenced key is an error', async () => {
    const found = await expectChanges(
      'create table u (id uuid primary key); create table o (id int, user_id text);',
      'create table u (id uuid primary key); create table o (id int, user_id uuid references u);',
      [
        ['column', 'different', 'error', 'public.o.user_id'],
        ['constraint', 'missing', 'error', 'public.o.o_user_id_fkey'],
      ],
    );
    assert.ok(found.length);
    const mismatch = diff(
      await inspectSql('create table u (id bigint primary key); create table o (user_id int references u);'),
      await inspectSql('create table u (id bigint primary key); create table o (user_id bigint references u);'),
    );
    assert.ok(mismatch.some((c) => c.kind === 'constraint' && c.attribute === 'column type' && /column user_id is integer but references public\.u\.id, which is bigint/.test(c.message)));
  });
});

describe('diff: row level security and policies', () => {
  const base = 'create table d (id int, owner text);';
  test('RLS disabled where the source of truth enables it is an error; the reverse a warning', async () => {
    await expectChanges(base, `${base} alter table d enable row level security;`, [['rls', 'different', 'error', 'public.d']]);
    await expectChanges(`${base} alter table d enable row level security;`, base, [['rls', 'different', 'warning', 'public.d']]);
  });
  test('missing, extra and different policies', () =>
    expectChanges(
      `${base} create policy a on d for select using (owner = current_user); create policy old on d using (true);`,
      `${base} create policy a on d for select to postgres using (owner = current_user); create policy b on d for insert with check (owner = current_user);`,
      [
        ['policy', 'missing', 'error', 'public.d.b'],
        ['policy', 'extra', 'warning', 'public.d.old'],
        ['policy', 'different', 'error', 'public.d.a'],
      ],
    ));
});

describe('diff: types, views, functions, triggers, extensions, comments', () => {
  test('enums: lacking values are errors, extra values warnings, order info', async () => {
    await expectChanges("create type s as enum ('a');", "create type s as enum ('a', 'b');", [['enum', 'different', 'error', 'public.s']]);
    await expectChanges("create type s as enum ('a', 'b');", "create type s as enum ('a');", [['enum', 'different', 'warning', 'public.s']]);
    await expectChanges("create type s as enum ('b', 'a');", "create type s as enum ('a', 'b');", [['enum', 'different', 'info', 'public.s']]);
  });
  test('domains, composite types and sequences', () =>
    expectChanges(
      'create domain pos as int check (value > 0); create type pair as (a int); create sequence s increment 1;',
      'create domain pos as bigint check (value > 0); create type pair as (a int, b text); create sequence s increment 5; create sequence s2;',
      [
        ['domain', 'different', 'error', 'public.pos'],
        ['type', 'different', 'error', 'public.pair'],
        ['sequence', 'different', 'warning', 'public.s'],
        ['sequence', 'missing', 'error', 'public.s2'],
      ],
    ));
  test('views: definitions compared by meaning; security_invoker is an error', async () => {
    const t = 'create table t (a int, b int);';
    await expectChanges(`${t} create view v as select a from t;`, `${t} create view v as   SELECT  a   FROM t ;`, []);
    await expectChanges(`${t} create view v as select a from t;`, `${t} create view v as select a, b from t;`, [['view', 'different', 'warning', 'public.v']]);
    await expectChanges(`${t} create view v as select a from t;`, `${t} create view v with (security_invoker = true) as select a from t;`, [['view', 'different', 'error', 'public.v']]);
    await expectChanges(t, `${t} create materialized view m as select a from t; create index m_a on m (a);`, [['materialized view', 'missing', 'error', 'public.m']]);
  });
  test('functions: bodies compared without formatting; attributes and return types', async () => {
    const f = (body: string, extra = '') => `create function f(x int) returns int language plpgsql ${extra} as $$ ${body} $$;`;
    await expectChanges(f('begin return x + 1; end'), f('BEGIN\n  -- add one\n  RETURN x + 1;\nEND'), []);
    await expectChanges(f('begin return x + 1; end'), f('begin return x + 2; end'), [['function', 'different', 'warning', 'public.f(x integer)']]);
    await expectChanges(f('begin return x; end'), f('begin return x; end', 'security definer set search_path = public'), [
      ['function', 'different', 'warning', 'public.f(x integer)'],
      ['function', 'different', 'warning', 'public.f(x integer)'],
    ]);
    await expectChanges('', f('begin return x; end'), [['function', 'missing', 'error', 'public.f(x integer)']]);
    await expectChanges('create function g() returns int language sql as $$ select 1 $$;', 'create function g() returns bigint language sql as $$ select 1::bigint $$;', [
      ['function', 'different', 'error', 'public.g()'],
      ['function', 'different', 'warning', 'public.g()'],
    ]);
  });
  test('triggers: missing, extra, different and disabled', () =>
    expectChanges(
      `create table t (a int); create function tf() returns trigger language plpgsql as $$ begin return new; end $$;
       create trigger x before insert on t for each row execute function tf(); create trigger y after update on t execute function tf();`,
      `create table t (a int); create function tf() returns trigger language plpgsql as $$ begin return new; end $$;
       create trigger x before insert or update on t for each row execute function tf(); create trigger z after delete on t execute function tf();
       create trigger w after insert on t execute function tf(); alter table t disable trigger w;`,
      [
        ['trigger', 'different', 'warning', 'public.t.x'],
        ['trigger', 'extra', 'warning', 'public.t.y'],
        ['trigger', 'missing', 'error', 'public.t.z'],
        ['trigger', 'missing', 'error', 'public.t.w'],
      ],
    ));
  test('extensions and schemas', () =>
    expectChanges('create schema old;', 'create extension citext; create schema app;', [
      ['extension', 'missing', 'error', 'citext'],
      ['schema', 'missing', 'error', 'app'],
      ['schema', 'extra', 'warning', 'old'],
    ]));
  test('comments are info', () =>
    expectChanges('create table t (a int); comment on column t.a is \'old\';', 'create table t (a int); comment on column t.a is \'new\'; comment on table t is \'x\';', [
      ['comment', 'different', 'info', 'public.t.a'],
      ['comment', 'different', 'info', 'public.t'],
    ]));
  test('every change says why it matters where that is not obvious', async () => {
    const found = await changes('create table t (a int);', 'create table t (a int, b int); create table u (id int);');
    assert.ok(found.every((c) => c.why && c.why.length > 20), JSON.stringify(found));
  });
  test('skipKinds leaves out what one side cannot describe', async () => {
    const from = await inspectSql('create table d (id int);');
    const to = await inspectSql('create table d (id int); alter table d enable row level security; create policy p on d using (true);');
    assert.deepEqual(diff(from, to, { skipKinds: ['rls', 'policy'] }), []);
  });
});
