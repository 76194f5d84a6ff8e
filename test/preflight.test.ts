/**
 * `pgdrift preflight`: a database's pending migrations tried on a shadow copy of its schema, on real
 * PostgreSQL 15 and 17. The database is a Prisma project's: its applied migrations ran on it and
 * `_prisma_migrations` records them as Prisma does.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase, serverUrl, type ServerName, type TestDatabase } from './helpers/servers.js';
import { tempFiles } from './helpers/temp.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const APPLIED = {
  '20240101000000_init': 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
  '20240102000000_posts': 'CREATE TABLE "Post" ("id" SERIAL NOT NULL, "authorId" INTEGER NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");\n',
};

/** A Prisma project's folder, and a database on which the applied migrations ran and are recorded. */
async function project(server: ServerName, pending: Record<string, string>, extraSql = ''): Promise<{ dir: string; db: TestDatabase }> {
  const all = { ...APPLIED, ...pending };
  const dir = tempFiles(Object.fromEntries([
    ...Object.entries(all).map(([name, sql]) => [`prisma/migrations/${name}/migration.sql`, sql]),
    ['prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n'],
  ]));
  const history = `create table "_prisma_migrations" ("id" varchar(36) primary key not null, "checksum" varchar(64) not null,
    "finished_at" timestamptz, "migration_name" varchar(255) not null, "logs" text, "rolled_back_at" timestamptz,
    "started_at" timestamptz not null default now(), "applied_steps_count" integer not null default 0);
    insert into "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) values
    ${Object.entries(APPLIED).map(([name, sql]) => `(gen_random_uuid(), '${sha256(sql)}', now(), '${name}', 1)`).join(', ')};`;
  const db = await createDatabase(server, `${Object.values(APPLIED).join('\n')}\n${history}\n${extraSql}`);
  return { dir, db };
}

interface Report {
  tried: string[];
  lint: { findings: { rule: string; file: string; line: number; column: number; message: string; severity: string }[] };
  drift: { changes: { object: string; message: string; severity: string }[] };
}

function run(dir: string, url: string, extra: string[] = []) {
  const r = pgdrift(['preflight', `${dir}/prisma/migrations`, url, '--format', 'json', ...extra]);
  return { status: r.status, stderr: r.stderr, report: (r.stdout ? JSON.parse(r.stdout) : undefined) as Report };
}

/** Every user table and the history's rows: what a run that only reads leaves exactly as it was. */
const snapshot = async (db: TestDatabase) =>
  (await db.client.query(`select (select string_agg(relname, ',' order by relname) from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r') as tables,
    (select count(*)::int from "_prisma_migrations") as history`)).rows[0];

for (const server of ['pg15', 'pg17'] as ServerName[]) {
  describe(`pgdrift preflight on ${server}`, () => {
    test('every failure of a multi-part pending migration is found at once, at its line; the database is only read', async () => {
      const { dir, db } = await project(server, {
        '20240103000000_profile': [
          'ALTER TABLE "User" ADD COLUMN "name" TEXT;',
          // Production has no such column: the first failure a deploy would meet.
          'CREATE INDEX "User_nickname_idx" ON "User"("nickname");',
          // Not IMMUTABLE: PostgreSQL refuses it in an index.
          'CREATE INDEX "Post_created_idx" ON "Post"((now() - interval \'1 day\'));',
          'ALTER TABLE "Post" ADD COLUMN "title" TEXT NOT NULL;',
          '',
        ].join('\n'),
      });
      try {
        const before = await snapshot(db);
        const { status, report, stderr } = run(dir, db.url);
        assert.equal(status, 1, stderr);
        assert.deepEqual(report.tried.map((f) => f.replace(/.*migrations\//, '')), ['20240103000000_profile/migration.sql']);
        const errors = report.lint.findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.message}`);
        assert.ok(errors.some((e) => /^2:\d+ column "nickname" does not exist/.test(e)), errors.join('\n'));
        assert.ok(errors.some((e) => /^3:\d+ functions in index expression must be marked IMMUTABLE/.test(e)), errors.join('\n'));
        assert.deepEqual(await snapshot(db), before);
      } finally {
        await db.drop();
      }
    });

    test('pending migrations that run leave no drift against the folder (the history table is no drift); a change made by hand in production is', async () => {
      const { dir, db } = await project(server, { '20240103000000_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n' });
      try {
        const clean = run(dir, db.url);
        assert.equal(clean.status, 0, clean.stderr);
        assert.equal(clean.report.lint.findings.filter((f) => f.severity === 'error').length, 0);
        assert.deepEqual(clean.report.drift.changes, []);
        // The database compared with its folder directly: the pending column, and Prisma's bookkeeping is no drift.
        const direct = pgdrift(['diff', `${dir}/prisma/migrations`, db.url, '--format', 'json']);
        assert.equal(direct.status, 0, direct.stderr);
        assert.deepEqual((JSON.parse(direct.stdout) as Report['drift']).changes.map((c) => c.object), ['public."User".name']);
        await db.client.query('alter table "User" add column "hotfix" boolean');
        // An extra column is a warning (it is dropped only with --allow-destructive): --fail-on decides.
        const drifted = run(dir, db.url);
        assert.equal(drifted.status, 0);
        assert.deepEqual(drifted.report.drift.changes.map((c) => [c.object, c.severity]), [['public."User".hotfix', 'warning']]);
        assert.equal(run(dir, db.url, ['--fail-on', 'warning']).status, 1);
      } finally {
        await db.drop();
      }
    });

    test('a plan between two Prisma databases verifies on their server, and leaves the history table alone', async () => {
      const a = await project(server, {});
      const b = await project(server, {}, 'alter table "User" add column "name" text;');
      try {
        // Verified on the same server, so that the catalogs are compared too.
        const r = pgdrift(['plan', a.db.url, b.db.url, '--shadow', serverUrl(server)]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /verified: run on a shadow copy of the current schema, its catalog matches the target's/);
        assert.match(r.stdout, /alter table public."User" add column if not exists name text;/);
        assert.doesNotMatch(r.stdout, /_prisma_migrations/);
      } finally {
        await a.db.drop();
        await b.db.drop();
      }
    });
  });
}
