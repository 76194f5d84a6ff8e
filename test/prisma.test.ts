/**
 * Prisma schemas as a source, read through Prisma's own schema engine. Each construct is checked
 * against the SQL the engine writes for it (that SQL is what the model must hold after replay), and
 * comparisons against a Prisma source are checked on hand edits of that SQL, as a team makes them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { LocatedError } from '../src/errors.js';
import { compareSources } from '../src/cli/commands/diff.js';
import { Workspace } from '../src/cli/options.js';
import type { LoadedSource } from '../src/sources/load.js';
import { readPrismaSchema } from '../src/sources/prisma.js';
import type { DiffReport } from '../src/report/diff-report.js';
import { pgdrift } from './helpers/cli.js';
import { tempFiles } from './helpers/temp.js';

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n';

const EVERY_CONSTRUCT = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["partialIndexes", "views", "postgresqlExtensions"]
}
datasource db {
  provider   = "postgresql"
  extensions = [citext]
}
enum Role {
  USER
  ADMIN
}
model Thing {
  id    Int      @id @default(autoincrement())
  tags  String[]
  roles Role[]   @default([USER])
  nums  Int[]    @default([1, 0])
  meta  Json     @default("{\\"a\\": [1, 2]}")
  neg   Int      @default(-5)
  dec   Decimal  @default(-1.5)
  vc    String   @default("") @db.VarChar(255)
  ts    DateTime @default(now()) @db.Timestamptz
  email String   @db.Citext
  doc   Json
  geo   Unsupported("point")
  aVeryLongColumnNameThatGoesOnAndOnForeverAndEvenLonger  Int
  anotherVeryLongColumnNameThatAlsoGoesOnAndOnForeverMore Int
  @@index([doc(ops: JsonbPathOps)], type: Gin)
  @@index([neg], where: raw("neg > 0"))
  @@index([geo], type: Gist)
  @@index([aVeryLongColumnNameThatGoesOnAndOnForeverAndEvenLonger, anotherVeryLongColumnNameThatAlsoGoesOnAndOnForeverMore])
  @@unique([vc])
}
view ThingView {
  id Int @unique
}
`;

async function load(path: string): Promise<{ ws: Workspace; source: LoadedSource }> {
  const ws = await Workspace.open({});
  return { ws, source: await ws.loadOne(path) };
}

/** Diff a migrations folder holding `sql` (as `prisma migrate` lays it out) against the schema. */
async function diffAgainst(schemaPath: string, sql: string): Promise<DiffReport> {
  const dir = tempFiles({ '20240101000000_init/migration.sql': sql, 'migration_lock.toml': 'provider = "postgresql"\n' });
  const ws = await Workspace.open({});
  const [from, to] = await Promise.all([ws.loadOne(dir), ws.loadOne(schemaPath)]);
  return compareSources(ws, from, to);
}

const messages = (changes: { message: string }[]) => changes.map((c) => c.message).sort();

describe('Prisma schema through Prisma\'s engine: each construct as the engine writes it', () => {
  let schemaPath: string;
  let sql: string;
  let source: LoadedSource;
  before(async () => {
    schemaPath = join(tempFiles({ 'schema.prisma': EVERY_CONSTRUCT }), 'schema.prisma');
    sql = (await readPrismaSchema(schemaPath)).sql;
    source = (await load(schemaPath)).source;
  });
  const thing = () => source.schema.tables.find((t) => t.name === 'Thing')!;
  const column = (name: string) => thing().columns.find((c) => c.name === name)!;

  test('list fields are nullable, as Prisma creates them', () => {
    assert.match(sql, /"tags" TEXT\[\],/);
    assert.deepEqual([column('tags').type, column('tags').notNull], ['text[]', false]);
  });

  test('list and enum-list defaults, JSON, negative and decimal literals, varchar and timestamptz defaults', () => {
    assert.match(sql, /"roles" "Role"\[\] DEFAULT ARRAY\['USER'\]::"Role"\[\]/);
    assert.match(sql, /"meta" JSONB NOT NULL DEFAULT '\{"a": \[1, 2\]\}'/);
    assert.match(sql, /"ts" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP/);
    assert.equal(column('roles').default, "ARRAY['USER'::public.\"Role\"]");
    assert.equal(column('nums').default, 'ARRAY[1, 0]');
    assert.equal(column('meta').default, '\'{"a": [1, 2]}\'::jsonb');
    assert.equal(column('neg').default, "'-5'::integer");
    assert.equal(column('dec').default, "'-1.5'::numeric");
    assert.equal(column('vc').default, "''::character varying");
    assert.equal(column('ts').type, 'timestamp with time zone', 'TIMESTAMPTZ without precision keeps the default precision');
  });

  test('extension types and operator classes as the extension names them', () => {
    assert.match(sql, /CREATE EXTENSION IF NOT EXISTS "citext"/);
    assert.equal(column('email').type, 'public.citext');
    assert.match(sql, /USING GIN \("doc" jsonb_path_ops\)/);
    assert.match(thing().indexes.find((i) => i.name === 'Thing_doc_idx')!.definition, /USING gin \(doc jsonb_path_ops\)/);
  });

  test('Unsupported(...) fields are columns, and indexes on them are kept', () => {
    assert.match(sql, /"geo" point NOT NULL/);
    assert.equal(column('geo').type, 'point');
    assert.match(thing().indexes.find((i) => i.name === 'Thing_geo_idx')!.definition, /USING gist \(geo\)/);
  });

  test('partial indexes keep their WHERE clause', () => {
    assert.match(sql, /CREATE INDEX "Thing_neg_idx" ON "Thing"\("neg"\) WHERE \(neg > 0\)/);
    assert.equal(thing().indexes.find((i) => i.name === 'Thing_neg_idx')!.where, 'neg > 0');
  });

  test('names over 63 bytes are shortened the way Prisma shortens them', () => {
    const name = /CREATE INDEX "(Thing_aVery[^"]+)"/.exec(sql)![1]!;
    assert.ok(Buffer.byteLength(name) <= 63);
    assert.ok(thing().indexes.some((i) => i.name === name));
  });

  test('view blocks are not tables (Prisma does not create views)', () => {
    assert.doesNotMatch(sql, /ThingView/);
    assert.ok(!source.schema.tables.some((t) => t.name === 'ThingView'));
  });

  test('the schema and migrations holding exactly the engine\'s SQL agree', async () => {
    const report = await diffAgainst(schemaPath, sql);
    assert.deepEqual(report.changes, []);
    assert.deepEqual(report.notExpressible, []);
  });

  test('what is never drift for Prisma: other spellings of a default, column order, enum value order, a unique constraint for a unique index', async () => {
    const edited = sql
      .replace(`DEFAULT ARRAY['USER']::"Role"[]`, `DEFAULT '{USER}'::"Role"[]`)
      .replace(`DEFAULT ARRAY[1, 0]::INTEGER[]`, `DEFAULT '{1,0}'`)
      .replace(/("tags" TEXT\[\],\n)(\s+"roles"[^\n]+\n)/, '$2$1')
      .replace(`('USER', 'ADMIN')`, `('ADMIN', 'USER')`)
      .replace(/CREATE UNIQUE INDEX "Thing_vc_key" ON "Thing"\("vc"\);/, 'ALTER TABLE "Thing" ADD CONSTRAINT "Thing_vc_key" UNIQUE ("vc");');
    assert.notEqual(edited, sql);
    const report = await diffAgainst(schemaPath, edited);
    assert.deepEqual(report.changes, []);
    assert.deepEqual(report.notExpressible, []);
  });

  test('what Prisma cannot express is listed apart, never hidden: a NOT NULL list, a CHECK, a hand-written partial index, RLS', async () => {
    const edited = sql.replace('"tags" TEXT[],', `"tags" TEXT[] NOT NULL DEFAULT '{}',`) +
      '\nALTER TABLE "Thing" ADD CONSTRAINT neg_small CHECK (neg < 100);\nCREATE INDEX thing_recent ON "Thing"(ts) WHERE neg < 0;\nALTER TABLE "Thing" ENABLE ROW LEVEL SECURITY;\n';
    const report = await diffAgainst(schemaPath, edited);
    assert.deepEqual(messages(report.changes), ["column public.\"Thing\".tags: default is '{}'::text[], expected no default"]);
    assert.deepEqual(messages(report.notExpressible), [
      'check constraint neg_small on public."Thing" is extra: CHECK ((neg < 100)) (check constraints are not expressible in Prisma)',
      'column public."Thing".tags: nullability is NOT NULL, expected nullable (Prisma creates every list column nullable and cannot declare it NOT NULL)',
      'index thing_recent on public."Thing" is extra: CREATE INDEX thing_recent ON public."Thing" USING btree (ts) WHERE (neg < 0) (a partial or expression index the Prisma schema does not declare)',
      'row level security is enabled on public."Thing", but not in the source of truth (not expressible in Prisma)',
    ]);
    assert.ok(report.notExpressible.every((c) => c.severity === 'info'));
  });

  test('real drift is reported: a missing column, a different type, a renamed index', async () => {
    const edited = sql.replace(/\s+"neg" INTEGER NOT NULL DEFAULT -5,/, '').replace('"vc" VARCHAR(255)', '"vc" VARCHAR(100)').replace(/CREATE INDEX "Thing_neg_idx" ON "Thing"\("neg"\) WHERE \(neg > 0\);/, '').replace('"Thing_geo_idx"', '"geo_idx"');
    const report = await diffAgainst(schemaPath, edited);
    assert.deepEqual(messages(report.changes), [
      'column public."Thing".neg (integer) is missing',
      'column public."Thing".vc: type is character varying(100), expected character varying(255)',
      'index "Thing_neg_idx" on public."Thing" is missing: CREATE INDEX "Thing_neg_idx" ON public."Thing" USING btree (neg) WHERE (neg > 0)',
      'index geo_idx on public."Thing" is named "Thing_geo_idx" in the source of truth (Prisma would rename it)',
    ]);
  });
});

describe('Prisma schemas as projects write them', () => {
  test('relationMode = "prisma": relations without foreign keys, as the engine writes them', async () => {
    const path = join(tempFiles({ 'schema.prisma': `datasource db {\n  provider = "postgresql"\n  relationMode = "prisma"\n}\nmodel A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: [id])\n  @@index([aId])\n}\n` }), 'schema.prisma');
    const { sql } = await readPrismaSchema(path);
    assert.doesNotMatch(sql, /FOREIGN KEY/);
    const { source } = await load(path);
    assert.deepEqual(source.schema.tables.flatMap((t) => t.constraints.filter((k) => k.type === 'foreign key')), []);
  });

  test('a schema written for Prisma 5/6 reads, with one note per thing set aside, at file:line:col', () => {
    const dir = tempFiles({ 'schema.prisma': `generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["metrics", "relationJoins"]\n}\ndatasource db {\n  provider          = "postgresql"\n  url               = env("DATABASE_URL")\n  directUrl         = env("DIRECT_URL")\n  shadowDatabaseUrl = env("SHADOW_DATABASE_URL")\n}\nmodel A {\n  id Int @id\n}\n` });
    const r = pgdrift(['inspect', join(dir, 'schema.prisma'), '--summary']);
    assert.equal(r.status, 0, r.stderr);
    const notes = r.stderr.trim().split('\n');
    assert.equal(notes.length, 4);
    assert.match(notes[0]!, /schema\.prisma:3:21: preview feature "metrics" ignored/);
    assert.match(notes[1]!, /schema\.prisma:7:3: datasource property `url` ignored/);
    assert.match(notes[3]!, /schema\.prisma:9:3: datasource property `shadowDatabaseUrl` ignored/);
    assert.match(r.stdout, /public\s+1\s/);
  });

  test('multi-file schemas with @@schema, including a schema named auth that a platform filter would hide', async () => {
    const dir = tempFiles({
      'base.prisma': 'datasource db {\n  provider = "postgresql"\n  schemas = ["public", "auth"]\n}\n',
      'auth.prisma': 'model Identity {\n  id Int @id\n  @@schema("auth")\n}\nenum Level {\n  LOW\n  HIGH\n  @@schema("auth")\n}\n',
      'app.prisma': 'model Account {\n  id Int @id\n  level Level\n  @@schema("public")\n}\n',
    });
    const { source } = await load(dir);
    assert.deepEqual(source.schema.tables.map((t) => `${t.schema}.${t.name}`), ['auth.Identity', 'public.Account']);
    assert.deepEqual(source.schema.enums.map((e) => `${e.schema}.${e.name}`), ['auth.Level']);
  });

  test('a provider other than PostgreSQL is an input error at its line', () => {
    const dir = tempFiles({ 'schema.prisma': 'datasource db {\n  provider = "mysql"\n}\nmodel A {\n  id Int @id\n}\n' });
    const r = pgdrift(['inspect', join(dir, 'schema.prisma')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: .*schema\.prisma:2:3: the datasource provider is "mysql"; pgdrift compares PostgreSQL schemas only\n$/);
  });

  test('a broken Prisma schema is one line at file:line:col', async () => {
    const path = join(tempFiles({ 'schema.prisma': `${DATASOURCE}model A {\n  id Int @id\n  x Strin\n}\n` }), 'schema.prisma');
    await assert.rejects(readPrismaSchema(path), (e: unknown) => e instanceof LocatedError && e.location.line === 6 && e.location.column === 5 && /Type "Strin" is neither a built-in type/.test(e.message));
    const r = pgdrift(['inspect', path]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: .*schema\.prisma:6:5: Type "Strin" is neither a built-in type.*\(fix the Prisma schema\)\n$/);
  });

  test('a Prisma schema and the migrations Prisma generated from it agree', () => {
    const r = pgdrift(['diff', 'test/fixtures/prisma-app/prisma/migrations', 'test/fixtures/prisma-app/prisma/schema.prisma']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no drift/);
  });
});
