/**
 * `inspect --format mermaid|dbml`: the entity-relationship description of a replayed schema. The DBML is
 * read back with @dbml/core (dbdiagram's own parser); the Mermaid is checked line by line against the
 * erDiagram grammar's words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parser } from '@dbml/core';
import { renderDbml, renderMermaid } from '../src/report/erd.js';
import { loadSource } from '../src/sources/load.js';
import { pgdrift } from './helpers/cli.js';
import { tempFiles } from './helpers/temp.js';

const SQL = `
create type public.plan as enum ('free', 'pro', 'it''s "big"');
create table public."Org" (id bigint primary key, "Display Name" text not null, plan public.plan not null default 'free');
comment on table public."Org" is 'An organization, with a ''quote''';
create table public.settings (org_id bigint primary key references public."Org" on delete cascade, theme varchar(20));
create table public.members (org_id bigint not null references public."Org", user_id uuid not null, invited_by bigint references public."Org", primary key (org_id, user_id));
create table public.grants (org_id bigint, user_id uuid, "select" text unique, foreign key (org_id, user_id) references public.members on update cascade);
`;

async function schema() {
  return (await loadSource({ kind: 'sql', path: `${tempFiles({ 's.sql': SQL })}/s.sql` })).schema;
}

test('DBML: every table, column, key, enum and reference, read back by dbdiagram\'s parser', async () => {
  const db = Parser.parse(renderDbml(await schema()), 'dbml');
  const tables = db.schemas.flatMap((s) => s.tables.map((t) => [`${s.name}.${t.name}`, t.fields.map((f) => `${f.name}:${f.type.schemaName ? `${f.type.schemaName}.` : ''}${f.type.type_name}${f.pk ? ' pk' : ''}${f.not_null ? ' not null' : ''}${f.unique ? ' unique' : ''}`)]));
  assert.deepEqual(Object.fromEntries(tables), {
    'public.Org': ['id:bigint pk not null', 'Display Name:text not null', 'plan:public.plan not null'],
    'public.grants': ['org_id:bigint', 'user_id:uuid', 'select:text unique'],
    'public.members': ['org_id:bigint not null', 'user_id:uuid not null', 'invited_by:bigint'],
    'public.settings': ['org_id:bigint pk not null', 'theme:character varying(20)'],
  });
  const refs = db.schemas.flatMap((s) => s.refs).map((r) => r.endpoints.map((e) => `${e.tableName}.(${e.fieldNames.join(',')})${e.relation}`).join(' → ') + (r.onDelete ? ` delete ${r.onDelete}` : '') + (r.onUpdate ? ` update ${r.onUpdate}` : ''));
  assert.deepEqual(refs.sort(), [
    'grants.(org_id,user_id)* → members.(org_id,user_id)1 update cascade',
    'members.(invited_by)* → Org.(id)1',
    'members.(org_id)* → Org.(id)1',
    // The key of settings is its reference: one to one.
    'settings.(org_id)1 → Org.(id)1 delete cascade',
  ]);
  assert.deepEqual(db.schemas.flatMap((s) => s.enums.map((e) => e.values.map((v) => v.name))), [['free', 'pro', "it's 'big'"]]);
  assert.equal(db.schemas[0]!.tables.find((t) => t.name === 'Org')!.note, "An organization, with a 'quote'");
  const members = db.schemas[0]!.tables.find((t) => t.name === 'members')!;
  assert.deepEqual(members.indexes.map((i) => [i.columns.map((c) => c.value), i.pk]), [[['org_id', 'user_id'], true]]);
});

test('Mermaid: an erDiagram of words GitHub draws, with each relationship\'s cardinality', async () => {
  const text = renderMermaid(await schema());
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'erDiagram');
  const word = /^[A-Za-z_*][A-Za-z0-9_\-[\]()]*$/;
  for (const line of lines.slice(1)) {
    const attribute = /^ {4}(\S+) (\S+)(?: ((?:PK|FK|UK)(?:, (?:PK|FK|UK))*))?(?: "([^"]*)")?$/.exec(line);
    if (attribute) {
      assert.match(attribute[1]!, word, line);
      assert.match(attribute[2]!, word, line);
      continue;
    }
    assert.match(line, /^ {2}("[^"]+" \{|\}|"[^"]+" (\}o|\|o)--(\|\||o\|) "[^"]+" : "[^"]*")$/, line);
  }
  assert.match(text, /"public\.Org" \{\n {4}bigint id PK\n {4}text Display_Name "not null"\n/);
  assert.match(text, /"public\.settings" \|o--\|\| "public\.Org" : "settings_org_id_fkey"/);
  assert.match(text, /"public\.members" \}o--o\| "public\.Org" : "members_invited_by_fkey"/);
  assert.match(text, /"public\.members" \}o--\|\| "public\.Org" : "members_org_id_fkey"/);
});

test('from the command line, for a Supabase project: the platform\'s auth.users stands in with the columns referenced', () => {
  const dbml = pgdrift(['inspect', 'examples/supabase-app/supabase/migrations', '--format', 'dbml']);
  assert.equal(dbml.status, 0, dbml.stderr);
  const parsed = Parser.parse(dbml.stdout, 'dbml');
  const auth = parsed.schemas.find((s) => s.name === 'auth')!;
  assert.deepEqual(auth.tables.map((t) => [t.name, t.fields.map((f) => f.name)]), [['users', ['id']]]);
  assert.ok(!parsed.schemas.some((s) => s.name === 'storage'), 'a platform table the project only put policies on is not drawn');
  const mermaid = pgdrift(['inspect', 'examples/supabase-app/supabase/migrations', '--format', 'mermaid']);
  assert.match(mermaid.stdout, /"public\.profiles" \|o--\|\| "auth\.users" : "profiles_id_fkey"/);
});
