/**
 * Hostile names cannot escape their token: objects of every kind named with newlines, quotes, comment
 * markers, dollar tags and terminal escapes go through every command. Every plan parses to exactly
 * the statements its steps hold (a name in a comment adds none), applies, and converges; no output
 * carries a raw control character other than the newlines between its lines.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseSync } from 'libpg-query';
import { quoteIdent as q, quoteLiteral as lit } from '../src/model/ident.js';
import { loadParser } from '../src/sources/sql.js';
import { loadSource } from '../src/sources/load.js';
import { plan, renderPlan } from '../src/plan/plan.js';
import { pgdrift } from './helpers/cli.js';
import { tempDir } from './helpers/temp.js';

const HOSTILE = [
  "z\ncreate role pwned superuser login password 'x'; --",
  'end */ create role pwned2; /* x',
  '$pgdrift$; create role pwned3; do $pgdrift$',
  "q\"uo'te\\",
  '\u001b[31mred\u001b[0m\r',
  'tab\tname 名前 ü',
];

/** One object of every kind per name, each named (and commented) with it. */
function schemaSql(names: string[]): string {
  return names
    .map((n, i) => {
      const s = q(`s${i} ${n}`);
      const role = q(`r${i} ${n}`);
      return `create role ${role};
create schema ${s};
comment on schema ${s} is ${lit(n)};
create type ${s}.${q(`e ${n}`)} as enum (${lit(n)}, 'b');
create domain ${s}.${q(`d ${n}`)} as text constraint ${q(`dc ${n}`)} check (value <> ${lit(n)});
create sequence ${s}.${q(`seq ${n}`)};
create table ${s}.${q(n)} (${q(`c ${n}`)} ${s}.${q(`e ${n}`)}, id int constraint ${q(`pk ${n}`)} primary key, v ${s}.${q(`d ${n}`)} default ${lit(n)});
comment on table ${s}.${q(n)} is ${lit(n)};
create index ${q(`i ${n}`)} on ${s}.${q(n)} (id);
alter table ${s}.${q(n)} enable row level security;
create policy ${q(`p ${n}`)} on ${s}.${q(n)} for select to ${role} using (v <> ${lit(n)});
grant select (id), update on ${s}.${q(n)} to ${role};
create view ${s}.${q(`v ${n}`)} as select id as ${q(`a ${n}`)} from ${s}.${q(n)};
create function ${s}.${q(`f ${n}`)}(${q(`x ${n}`)} int) returns int language sql as ${lit(`select length(${lit(n)})`)};
create function ${s}.${q(`t ${n}`)}() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger ${q(`tr ${n}`)} before insert on ${s}.${q(n)} for each row execute function ${s}.${q(`t ${n}`)}();
create publication ${q(`pub ${n}`)} for table ${s}.${q(n)};`;
    })
    .join('\n');
}

/** Control characters other than newline and tab. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

function statementsOf(sql: string): string[] {
  return (parseSync(sql).stmts ?? []).map((s) => Object.keys(s.stmt)[0]!);
}

describe('hostile names', () => {
  const dir = tempDir('pgdrift-hostile-');
  const hostile = join(dir, 'hostile.sql');
  const empty = join(dir, 'empty.sql');
  writeFileSync(hostile, schemaSql(HOSTILE));
  writeFileSync(empty, '');

  test('the schema builds, and every identity round-trips through inspect', () => {
    const r = pgdrift(['inspect', hostile, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const schema = JSON.parse(r.stdout).schema;
    assert.deepEqual(schema.tables.map((t: { name: string }) => t.name).sort(), [...HOSTILE].sort());
  });

  test('plans build and drop everything with exactly the statements of their steps, converging', async () => {
    await loadParser();
    const [none, all] = [(await loadSource({ kind: 'sql', path: empty })).schema, (await loadSource({ kind: 'sql', path: hostile })).schema];
    for (const [from, to, allowDestructive] of [[none, all, false], [all, none, false], [all, none, true]] as const) {
      const planned = plan(from, to, { allowDestructive });
      const rendered = renderPlan(planned, [`from ${HOSTILE.join(' ')}`]);
      const intended = planned.steps.flatMap((s) => statementsOf(s.sql));
      assert.deepEqual(statementsOf(rendered), intended);
      assert.ok(!intended.includes('CreateRoleStmt'), 'no role is created by a plan');
      assert.doesNotMatch(rendered, RAW_CONTROL);
    }
    // Without --allow-destructive every drop is withheld: the plan is verified, and exits 1 for what it left.
    for (const [args, status] of [[[empty, hostile], 0], [[hostile, empty], 1], [[hostile, empty, '--allow-destructive'], 0]] as const) {
      const r = pgdrift(['plan', ...args]);
      assert.equal(r.status, status, r.stderr);
      assert.match(r.stdout, /-- verified: /);
    }
  });

  test('no output of any command holds a raw control character', () => {
    const folder = join(dir, 'migrations');
    pgdrift(['plan', empty, hostile, '--out', join(dir, '001_hostile.sql')]);
    const runs = [
      ['inspect', hostile],
      ['inspect', hostile, '--summary'],
      ['diff', empty, hostile],
      ['diff', hostile, empty, '--format', 'markdown'],
      ['audit', hostile, '--exposed', ...HOSTILE.map((_, i) => `s${i} ${HOSTILE[i]}`).slice(0, 1)],
      ['audit', hostile, '--format', 'markdown'],
      ['lint', hostile],
      ['inspect', folder],
    ];
    for (const args of runs) {
      const r = pgdrift(args);
      assert.doesNotMatch(r.stdout + r.stderr, RAW_CONTROL, `pgdrift ${args.map((a) => JSON.stringify(a)).join(' ')}`);
    }
  });
});
