/**
 * Conformance with other tools' schema pairs: migra's public-domain cases (../shared/conformance/migra,
 * a.sql → b.sql) and pgschema's (../shared/conformance/pgschema, old.sql → new.sql). For every pair:
 * plan a → b and verify it as `pgdrift plan` does (model and catalog, with shadows on the PostgreSQL 15
 * test server); then, independently, load a and b into two databases on that server, run the plan on
 * the first, and compare `pg_dump --schema-only` of both. A pair converges when both say so; pairs outside what a plan can
 * do are skipped with the reason. Counts per category are printed (and kept in the README).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { loadSource } from '../src/sources/load.js';
import { plan, renderPlan } from '../src/plan/plan.js';
import { describeCatalogDifference } from '../src/plan/catalog-check.js';
import { verifyPlan } from '../src/plan/verify.js';
import { dumpDifference, dumpStatements, PG_DUMP } from './helpers/pg-dump.js';
import { createDatabase, serverUrl } from './helpers/servers.js';
import { tempDir } from './helpers/temp.js';

const ROOT = ['../shared/conformance', '../../shared/conformance'].find((p) => existsSync(join(p, 'migra')));

interface Pair { id: string; category: string; a: string; b: string }

function pairs(): Pair[] {
  if (!ROOT) return [];
  const migra = readdirSync(join(ROOT, 'migra')).sort().map((name) => ({ id: `migra/${name}`, category: 'migra', a: join(ROOT, 'migra', name, 'a.sql'), b: join(ROOT, 'migra', name, 'b.sql') }));
  const base = join(ROOT, 'pgschema');
  const pgschema = readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort().flatMap((category) =>
    readdirSync(join(base, category)).sort().map((name) => ({ id: `pgschema/${category}/${name}`, category: `pgschema ${category}`, a: join(base, category, name, 'old.sql'), b: join(base, category, name, 'new.sql') })));
  return [...migra, ...pgschema];
}

/** Pairs that are outside what a plan between the two files can do, and why. */
const OUT_OF_SCOPE: Record<string, string> = {
  'pgschema/create_function/alter_function_same_signature': 'old.sql uses schema utils, which pgschema\'s harness creates outside the pair',
  'pgschema/create_table/add_column_cross_schema_custom_type': 'the pair uses extensions citext and hstore that pgschema\'s harness creates outside the pair',
};

// migra's own test setup creates this role before loading its cases.
const ROLES = ['schemainspect_test_role'];
const tally = new Map<string, { converged: number; total: number }>();
const count = (category: string, converged: boolean) => {
  const t = tally.get(category) ?? { converged: 0, total: 0 };
  tally.set(category, { converged: t.converged + (converged ? 1 : 0), total: t.total + 1 });
};
after(() => {
  const lines = [...tally].map(([c, t]) => `${c}: ${t.converged} of ${t.total}`);
  if (lines.length) console.log(`plan conformance (converged / pairs):\n  ${lines.join('\n  ')}`);
});

/**
 * Roles a pair created on the server (roles are server-wide), dropped when it is done: those new since
 * `before` that its SQL names. Other test files share the server, and a role one of their shadows made
 * meanwhile is theirs to drop.
 */
async function dropNewRoles(client: pg.Client, before: Set<string>, sql: string): Promise<void> {
  const { rows } = await client.query<{ rolname: string }>('select rolname from pg_roles');
  const named = sql.toLowerCase();
  for (const { rolname } of rows.filter((r) => !before.has(r.rolname) && named.includes(r.rolname.toLowerCase()))) await client.query(`drop role if exists "${rolname.replace(/"/g, '""')}"`);
}

describe('plan conformance: migra and pgschema pairs converge, by pgdrift and by pg_dump', { skip: !ROOT && 'shared/conformance not found beside the checkout' }, () => {
  const dir = tempDir();
  for (const pair of pairs()) {
    const skip = OUT_OF_SCOPE[pair.id];
    test(pair.id, { skip }, async (t) => {
      // The shadows are databases on the same PostgreSQL 15 server that pg_dump reads below.
      const options = { roles: ROLES, catalog: true, shadow: serverUrl('pg15') };
      const a = { kind: 'sql' as const, path: pair.a };
      const [from, to] = await Promise.all([loadSource(a, options), loadSource({ kind: 'sql', path: pair.b }, options)]);
      const planned = plan(from.schema, to.schema, { allowDestructive: true });
      let failure: string | undefined;
      try {
        const v = await verifyPlan(a, from.schema, to.schema, planned, { ...options, catalogs: { from: from.catalog, to: to.catalog }, targetKind: 'sql' });
        assert.equal(v.catalogSkipped, undefined);
        const left = [...v.remaining.map((c) => c.message), ...v.unmodelled.map(describeCatalogDifference), ...planned.withheld.map((w) => `${w.object}: ${w.reason}`)];
        if (left.length) failure = left.join('\n');
      } catch (e) {
        failure = (e as Error).message;
      }
      count(pair.category, !failure);
      assert.equal(failure, undefined, renderPlan(planned, []));
      // Without --allow-destructive: the plan runs, and leaves nothing but what it lists as not planned.
      const safe = plan(from.schema, to.schema);
      const sv = await verifyPlan(a, from.schema, to.schema, safe, { ...options, catalogs: { from: from.catalog, to: to.catalog }, targetKind: 'sql' });
      assert.deepEqual([...sv.remaining.map((c) => c.message), ...sv.unmodelled.map(describeCatalogDifference)], [], `without --allow-destructive:\n${renderPlan(safe, [])}`);
      if (!PG_DUMP) return t.skip('pg_dump not found: the independent comparison with pg_dump is skipped');
      // Independently: the plan run on a real a, dumped, against a real b.
      const admin = new pg.Client({ connectionString: serverUrl('pg15') });
      await admin.connect();
      const roles = new Set((await admin.query<{ rolname: string }>('select rolname from pg_roles')).rows.map((r) => r.rolname));
      const server = await createDatabase('pg15');
      const target = await createDatabase('pg15');
      try {
        for (const role of ROLES) await server.client.query(`do $$ begin create role ${role}; exception when duplicate_object then null; end $$`);
        await server.client.query(readFileSync(pair.a, 'utf8'));
        await target.client.query(readFileSync(pair.b, 'utf8'));
        const file = join(dir, 'plan.sql');
        writeFileSync(file, renderPlan(planned, []));
        await server.client.query(readFileSync(file, 'utf8'));
        const { extra, missing } = dumpDifference(dumpStatements(server.url), dumpStatements(target.url));
        assert.deepEqual({ extra, missing }, { extra: [], missing: [] }, 'pg_dump of the planned database differs from the target');
      } finally {
        await target.drop();
        await server.drop();
        await dropNewRoles(admin, roles, [...ROLES, readFileSync(pair.a, 'utf8'), readFileSync(pair.b, 'utf8')].join('\n')).finally(() => admin.end());
      }
    });
  }
});

