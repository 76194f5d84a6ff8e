/** Prisma schemas as a source: Prisma's naming and type rules, errors at file:line:col, blind spots. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LocatedError } from '../src/errors.js';
import { readPrismaSchema } from '../src/sources/prisma.js';
import { pgdrift } from './helpers/cli.js';

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n';

function schemaFile(body: string, name = 'schema.prisma'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pgdrift-prisma-')), name);
  writeFileSync(path, DATASOURCE + body);
  return path;
}

const read = (body: string) => readPrismaSchema(schemaFile(body)).schema;

describe('Prisma schema mapping', () => {
  test('@map and @@map name tables and columns; models without @@map keep PascalCase', () => {
    const s = read('model UserProfile {\n  id Int @id\n  displayName String @map("display_name")\n  @@map("user_profiles")\n}\nmodel Tag {\n  id Int @id\n}\n');
    assert.deepEqual(s.tables.map((t) => t.name), ['Tag', 'user_profiles']);
    assert.deepEqual(s.tables[1]!.columns.map((c) => c.name), ['id', 'display_name']);
  });

  test('scalar and native types map as Prisma migrations create them', () => {
    const s = read(`model T {
  id Int @id
  s String
  b Boolean
  big BigInt
  f Float
  d Decimal
  dt DateTime
  j Json
  by Bytes
  v String @db.VarChar(200)
  u String @db.Uuid
  tz DateTime @db.Timestamptz(6)
  dd DateTime @db.Date
  n Decimal @db.Decimal(10, 2)
  small Int @db.SmallInt
  tags String[]
  opt String?
}`);
    const types = Object.fromEntries(s.tables[0]!.columns.map((c) => [c.name, `${c.type}${c.notNull ? '' : ' null'}`]));
    assert.deepEqual(types, {
      id: 'integer', s: 'text', b: 'boolean', big: 'bigint', f: 'double precision', d: 'numeric(65,30)', dt: 'timestamp(3) without time zone',
      j: 'jsonb', by: 'bytea', v: 'character varying(200)', u: 'uuid', tz: 'timestamp(6) with time zone', dd: 'date', n: 'numeric(10,2)',
      small: 'smallint', tags: 'text[]', opt: 'text null',
    });
  });

  test('defaults: autoincrement is a serial sequence, now() is CURRENT_TIMESTAMP, uuid() and @updatedAt have none', () => {
    const s = read(`enum Status {
  DRAFT
  LIVE @map("live")
}
model T {
  id Int @id @default(autoincrement())
  uid String @default(uuid())
  at DateTime @default(now())
  up DateTime @updatedAt
  st Status @default(LIVE)
  name String @default("it's")
  n Int @default(-1)
  ok Boolean @default(true)
  g String @default(dbgenerated("gen_random_uuid()")) @db.Uuid
}`);
    const d = Object.fromEntries(s.tables[0]!.columns.map((c) => [c.name, c.default]));
    assert.deepEqual(d, {
      id: "nextval('public.\"T_id_seq\"'::regclass)", uid: undefined, at: 'CURRENT_TIMESTAMP', up: undefined, st: "'live'::public.\"Status\"",
      name: "'it''s'::text", n: "'-1'::integer", ok: 'true', g: 'gen_random_uuid()',
    });
    assert.deepEqual(s.sequences.map((q) => [q.name, q.ownedBy]), [['T_id_seq', 'public."T".id']]);
    assert.deepEqual(s.enums[0]!.values, ['DRAFT', 'live']);
  });

  test('ids, unique, indexes and relations get Prisma\'s constraint and index names and actions', () => {
    const s = read(`model User {
  id Int @id
  email String @unique
  org Int
  team Int
  posts Post[]
  @@unique([org, team])
  @@index([team(sort: Desc)])
  @@index([org], type: Hash)
}
model Post {
  id Int
  rev Int
  authorId Int
  editorId Int?
  author User @relation("authored", fields: [authorId], references: [id], onDelete: Cascade)
  editor User? @relation("edited", fields: [editorId], references: [id])
  @@id([id, rev])
}
model User2 {
  id Int @id
}`.replace('  posts Post[]\n', '  posts Post[] @relation("authored")\n  edits Post[] @relation("edited")\n'));
    const post = s.tables.find((t) => t.name === 'Post')!;
    assert.deepEqual(post.constraints.map((k) => `${k.name}: ${k.definition}`), [
      'Post_authorId_fkey: FOREIGN KEY ("authorId") REFERENCES public."User"(id) ON UPDATE CASCADE ON DELETE CASCADE',
      'Post_editorId_fkey: FOREIGN KEY ("editorId") REFERENCES public."User"(id) ON UPDATE CASCADE ON DELETE SET NULL',
      'Post_pkey: PRIMARY KEY (id, rev)',
    ]);
    const user = s.tables.find((t) => t.name === 'User')!;
    assert.deepEqual(user.indexes.map((i) => i.definition), [
      'CREATE UNIQUE INDEX "User_email_key" ON public."User" USING btree (email)',
      'CREATE INDEX "User_org_idx" ON public."User" USING hash (org)',
      'CREATE UNIQUE INDEX "User_org_team_key" ON public."User" USING btree (org, team)',
      'CREATE INDEX "User_team_idx" ON public."User" USING btree (team DESC)',
    ]);
  });

  test('implicit many-to-many relations become Prisma\'s join table', () => {
    const s = read('model Post {\n  id Int @id\n  categories Category[]\n}\nmodel Category {\n  id String @id\n  posts Post[]\n}\n');
    const join = s.tables.find((t) => t.name === '_CategoryToPost')!;
    assert.deepEqual(join.columns, [{ name: 'A', type: 'text', notNull: true }, { name: 'B', type: 'integer', notNull: true }]);
    assert.deepEqual(join.constraints.map((k) => k.name), ['_CategoryToPost_AB_pkey', '_CategoryToPost_A_fkey', '_CategoryToPost_B_fkey']);
    assert.deepEqual(join.indexes.map((i) => i.name), ['_CategoryToPost_B_index']);
  });

  test('multi-file schemas and @@schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgdrift-prisma-'));
    writeFileSync(join(dir, 'base.prisma'), 'datasource db {\n  provider = "postgresql"\n  schemas = ["public", "billing"]\n}\n');
    writeFileSync(join(dir, 'billing.prisma'), 'model Invoice {\n  id Int @id\n  @@schema("billing")\n}\n');
    writeFileSync(join(dir, 'users.prisma'), 'model Account {\n  id Int @id\n  @@schema("public")\n}\n');
    const s = readPrismaSchema(dir).schema;
    assert.deepEqual(s.tables.map((t) => `${t.schema}.${t.name}`), ['billing.Invoice', 'public.Account']);
    assert.deepEqual(s.schemas.map((n) => n.name), ['billing', 'public']);
  });

  test('a broken Prisma schema is one line at file:line:col', () => {
    const path = schemaFile('model A {\n  id Int @id\n  x Strin\n}\n');
    assert.throws(() => readPrismaSchema(path), (e: unknown) => e instanceof LocatedError && e.location.line === 6 && e.location.column === 5 && /Type "Strin" is neither a built-in type/.test(e.message));
    const r = pgdrift(['inspect', path]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: .*schema\.prisma:6:5: Type "Strin" is neither a built-in type.*\(fix the Prisma schema\)\n$/);
  });

  test('a schema of real size: 120 models using every feature at once', () => {
    const models = Array.from({ length: 120 }, (_, i) => `model M${i} {
  id Int @id @default(autoincrement())
  name String @db.VarChar(100)
  code String @map("code_${i}")
  status Status @default(ON)
  createdAt DateTime @default(now()) @map("created_at")
  updatedAt DateTime @updatedAt
  parentId Int?
  parent M${Math.max(0, i - 1)}? @relation("r${i}", fields: [parentId], references: [id], onDelete: Cascade)
  ${i < 119 ? `children M${i + 1}[] @relation("r${i + 1}")` : ''}
  ${i === 0 ? 'self M0[] @relation("r0")' : ''}
  tags Tag[]
  @@unique([name, code], map: "m${i}_name_code")
  @@index([createdAt(sort: Desc)])
  @@map("m_${i}")
  @@schema("${i % 2 ? 'app' : 'public'}")
}`);
    const dir = mkdtempSync(join(tmpdir(), 'pgdrift-prisma-big-'));
    writeFileSync(join(dir, 'schema.prisma'), `datasource db {\n  provider = "postgresql"\n  schemas = ["public", "app"]\n}\nenum Status {\n  ON\n  OFF\n  @@schema("public")\n}\nmodel Tag {\n  id String @id @default(cuid())\n  items M0[]\n  @@schema("public")\n}\n${models.join('\n')}`.replace(/  tags Tag\[\]\n/g, (m, offset: number, all: string) => (all.slice(0, offset).includes('model M0 {') && !all.slice(0, offset).includes('model M1 {') ? m : '')));
    const s = readPrismaSchema(dir).schema;
    assert.equal(s.tables.length, 122, 'models, plus Tag, plus the implicit M0/Tag join table');
    assert.equal(s.tables.filter((t) => t.schema === 'app').length, 60);
    assert.equal(s.tables.flatMap((t) => t.constraints).filter((k) => k.type === 'foreign key').length, 122);
    assert.equal(s.sequences.length, 120);
    const m7 = s.tables.find((t) => t.name === 'm_7')!;
    assert.equal(m7.schema, 'app');
    assert.deepEqual(m7.indexes.map((i) => i.definition), [
      'CREATE UNIQUE INDEX m7_name_code ON app.m_7 USING btree (name, code_7)',
      'CREATE INDEX m_7_created_at_idx ON app.m_7 USING btree (created_at DESC)',
    ]);
    assert.equal(m7.constraints.find((k) => k.type === 'foreign key')!.definition, 'FOREIGN KEY ("parentId") REFERENCES public.m_6(id) ON UPDATE CASCADE ON DELETE CASCADE');
    assert.ok(s.tables.some((t) => t.name === '_M0ToTag'));
  });
});

describe('Prisma schema vs migrations and databases', () => {
  test('a Prisma schema and the migrations Prisma generated from it agree', () => {
    const r = pgdrift(['diff', 'test/fixtures/prisma-app/prisma/migrations', 'test/fixtures/prisma-app/prisma/schema.prisma']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /no drift/);
  });

  test('drift a careful engineer would report: missing fields, a missing @map, types, composite uniques, PascalCase tables; never RLS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgdrift-prismadrift-'));
    writeFileSync(join(dir, 'schema.prisma'), `${DATASOURCE}model Profile {
  id String @id @db.Uuid
  fullName String @map("full_name")
  avatarUrl String? @map("avatar_url")
  orgId String @map("org_id") @db.Uuid
  teamId String @map("team_id") @db.Uuid
  @@unique([orgId, teamId])
  @@map("profiles")
}
model Task {
  id Int @id
}
`);
    writeFileSync(join(dir, 'db.sql'), `create table profiles (id text primary key, "fullName" text not null, org_id uuid not null, team_id uuid not null);
alter table profiles enable row level security; create policy p on profiles using (true);
create table tasks (id int primary key);`);
    const r = pgdrift(['diff', join(dir, 'db.sql'), join(dir, 'schema.prisma'), '--format', 'json']);
    const messages = JSON.parse(r.stdout).changes.map((c: { message: string }) => c.message);
    assert.deepEqual(messages.sort(), [
      'column public.profiles."fullName" is probably full_name renamed (confidence 0.99)',
      'column public.profiles.avatar_url (text) is missing',
      'column public.profiles.id: type is text, expected uuid',
      'index profiles_org_id_team_id_key on public.profiles is missing: CREATE UNIQUE INDEX profiles_org_id_team_id_key ON public.profiles USING btree (org_id, team_id)',
      // A model without @@map over a snake_case table: a probable rename to the PascalCase name Prisma expects.
      'table public.tasks is probably public."Task" renamed (confidence 0.94)',
      'constraint tasks_pkey on public."Task" is named "Task_pkey" in the source of truth',
    ].sort());
  });
});
