/**
 * Property: for random pairs of schemas (tables, columns of many types, indexes, foreign keys, enums,
 * views, functions), the plan from one to the other, with --allow-destructive, converges by the
 * model and by the catalog, or withholds only what PostgreSQL cannot do (a type change without a
 * cast). Seeded, so a failure names the pair that shows it; shadows on the PostgreSQL 15 test server.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { plan, renderPlan } from '../src/plan/plan.js';
import { describeCatalogDifference } from '../src/plan/catalog-check.js';
import { verifyPlan } from '../src/plan/verify.js';
import { loadSource } from '../src/sources/load.js';
import { serverUrl } from './helpers/servers.js';
import { tempFiles } from './helpers/temp.js';

/** mulberry32: a small seeded generator, so every run draws the same pairs. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['integer', 'bigint', 'text', 'varchar(20)', 'numeric(10,2)', 'boolean', 'uuid', 'date', 'timestamptz', 'jsonb', 'mood', 'text[]'];
const TABLES = ['accounts', 'orders', 'Line Items', 'select'];

/** A random schema over a fixed pool of names, so that two draws overlap and differ. */
function schema(next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const out = [next() < 0.5 ? "create type mood as enum ('ok', 'sad');" : "create type mood as enum ('ok', 'sad', 'glad');"];
  const tables = TABLES.filter(() => next() < 0.75);
  for (const t of tables) {
    const names = ['a', 'b', 'c', 'Mixed Case'].filter(() => next() < 0.6);
    const columns = ['id integer primary key', ...names.map((c) => `${q(c)} ${pick(TYPES)}${next() < 0.3 ? ' not null' : ''}`)];
    out.push(`create table ${q(t)} (${columns.join(', ')});`);
    if (names[0] && next() < 0.4) out.push(`create index ${q(`${t}_idx`)} on ${q(t)} (${q(names[0])});`);
  }
  for (const [child, parent] of [[tables[1], tables[0]], [tables[2], tables[1]]] as const) {
    if (child && parent && next() < 0.5) out.push(`alter table ${q(child)} add column parent_id integer references ${q(parent)} (id);`);
  }
  if (tables[0] && next() < 0.6) out.push(`create view summary as select id from ${q(tables[0])}${next() < 0.5 ? ' where id > 0' : ''};`);
  if (next() < 0.6) out.push(`create function score(${next() < 0.5 ? 'n' : 'value'} integer) returns integer language sql immutable as $$ select ${next() < 0.5 ? 1 : 2} $$;`);
  return out.join('\n');
}

const PAIRS = 24;

describe('random schema pairs: plans converge, or withhold only what cannot be done', () => {
  for (let i = 0; i < PAIRS; i++) {
    test(`pair ${i}`, async () => {
      const next = random(1000 + i);
      const [aSql, bSql] = [schema(next), schema(next)];
      assert.notEqual(aSql, bSql, 'the two draws of a pair differ');
      const dir = tempFiles({ 'a.sql': aSql, 'b.sql': bSql });
      const a = { kind: 'sql' as const, path: join(dir, 'a.sql') };
      const options = { catalog: true, shadow: serverUrl('pg15') };
      const [from, to] = await Promise.all([loadSource(a, options), loadSource({ kind: 'sql', path: join(dir, 'b.sql') }, options)]);
      const planned = plan(from.schema, to.schema, { allowDestructive: true });
      const sql = renderPlan(planned, []);
      const v = await verifyPlan(a, from.schema, to.schema, planned, { ...options, catalogs: { from: from.catalog, to: to.catalog }, targetKind: 'sql' });
      assert.ok(planned.steps.length > 1, 'the plan has work to do');
      assert.deepEqual([...v.remaining.map((c) => c.message), ...v.unmodelled.map(describeCatalogDifference)], [], sql);
      for (const w of planned.withheld) assert.match(w.reason, /has no cast|cannot alter|by hand/, sql);
    });
  }
});
