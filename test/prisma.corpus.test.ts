/**
 * Real Prisma projects (../shared/corpus/prisma), judged by Prisma's own answers:
 * - the schema read through Prisma's engine is exactly the database of `expected-prisma-generated.sql`;
 * - against the project's migrations, the errors and warnings are exactly the items of Prisma's own
 *   drift check (`expected-prisma-verdict.sql`); everything else is listed as "not expressible in Prisma".
 *
 * One kind of verdict item is not drift and is checked as such: an index Prisma would (re)create that
 * the replayed migrations already have with exactly that definition (Prisma's endless-migration bug
 * with `ops: raw(...)`, prisma/orm#17518). Those are found by comparing against the replayed catalog.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseSync } from 'libpg-query';
import { loadParser } from '../src/sources/sql.js';
import type { Schema } from '../src/model/types.js';
import { pgdrift } from './helpers/cli.js';

const CORPUS = join('..', 'shared', 'corpus', 'prisma');
const PROJECTS = [
  { name: 'umami', dir: 'umami', prisma: 'umami/prisma' },
  { name: 'hoppscotch', dir: 'hoppscotch', prisma: 'hoppscotch/packages/hoppscotch-backend/prisma' },
  { name: 'langfuse', dir: 'langfuse', prisma: 'langfuse/packages/shared/prisma' },
  { name: 'trigger.dev', dir: 'trigger.dev/internal-packages/database', prisma: 'trigger.dev/internal-packages/database/prisma' },
  { name: 'trigger.dev run-ops', dir: 'trigger.dev/internal-packages/run-ops-database', prisma: 'trigger.dev/internal-packages/run-ops-database/prisma' },
];

type Node = Record<string, any>;
const sv = (n: Node | undefined) => n?.String?.sval as string;

/** An index statement's meaning, without the schema of its table and without names' quoting. */
function indexSignature(stmt: Node): string {
  return JSON.stringify({
    name: stmt.idxname,
    table: stmt.relation.relname,
    method: stmt.accessMethod,
    unique: Boolean(stmt.unique),
    keys: stmt.indexParams.map((p: Node) => [p.IndexElem.name, (p.IndexElem.opclass ?? []).map(sv).at(-1), p.IndexElem.ordering]),
    where: Boolean(stmt.whereClause),
    include: (stmt.indexIncludingParams ?? []).length,
  });
}

/** The objects Prisma's verdict changes: index and constraint names, `table.column` for columns. */
function verdictItems(sql: string, replayed: Schema): Set<string> {
  const items = new Set<string>();
  const existing = new Set(replayed.tables.flatMap((t) => t.indexes.map((i) => indexSignature((parseSync(i.definition).stmts[0]!.stmt as Node).IndexStmt))));
  const recreatedAsIs = new Set<string>();
  for (const { stmt } of parseSync(sql).stmts ?? []) {
    const s = stmt as Node;
    if (s.IndexStmt && existing.has(indexSignature(s.IndexStmt))) recreatedAsIs.add(s.IndexStmt.idxname);
    else if (s.IndexStmt) items.add(s.IndexStmt.idxname);
    else if (s.DropStmt) for (const o of s.DropStmt.objects) items.add(sv(o.List.items.at(-1)));
    else if (s.RenameStmt) items.add(s.RenameStmt.relation.relname);
    else if (s.AlterTableStmt) {
      for (const { AlterTableCmd: c } of s.AlterTableStmt.cmds) {
        items.add(c.subtype === 'AT_AddConstraint' ? c.def.Constraint.conname : `${s.AlterTableStmt.relation.relname}.${c.name}`);
      }
    }
  }
  // Dropped and re-created exactly as the migrations already have it: Prisma's own false drift.
  for (const name of recreatedAsIs) items.delete(name);
  return items;
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/** pgdrift's errors and warnings as the same kind of names. */
function reported(changes: { kind: string; object: string; table?: string; severity: string; attribute?: string; from?: unknown }[]): Set<string> {
  const out = new Set<string>();
  for (const c of changes.filter((x) => x.severity !== 'info')) {
    const rest = unquote(c.object.slice((c.table ?? '').length + 1));
    const table = unquote(c.table!.slice(c.table!.indexOf('.') + 1));
    // A renamed index is named by its current name, as Prisma's RenameIndex names it.
    out.add(c.kind === 'column' ? `${table}.${rest}` : c.attribute === 'name' ? String(c.from) : rest);
  }
  return out;
}

describe('real Prisma projects, judged by Prisma', { concurrency: 1 }, () => {
  for (const p of PROJECTS) {
    const root = join(CORPUS, p.dir);
    const schema = join(CORPUS, p.prisma, 'schema.prisma');
    const migrations = join(CORPUS, p.prisma, 'migrations');
    test(`${p.name}: the schema is exactly the SQL Prisma generates for it`, { skip: !existsSync(root) && 'corpus not present' }, () => {
      const r = pgdrift(['diff', schema, join(root, 'expected-prisma-generated.sql')]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /no drift/);
    });

    test(`${p.name}: drift against the migrations is Prisma's own verdict`, { skip: !existsSync(root) && 'corpus not present' }, async () => {
      await loadParser();
      const r = pgdrift(['diff', migrations, schema, '--format', 'json']);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const report = JSON.parse(r.stdout);
      const replayed = JSON.parse(pgdrift(['inspect', migrations, '--format', 'json']).stdout).schema as Schema;
      const expected = verdictItems(readFileSync(join(root, 'expected-prisma-verdict.sql'), 'utf8'), replayed);
      assert.deepEqual([...reported(report.changes)].sort(), [...expected].sort());
      assert.equal(r.status, report.summary.error ? 1 : 0, 'exit 1 only for errors');
      for (const c of report.notExpressible) assert.equal(c.severity, 'info');
    });
  }
});
