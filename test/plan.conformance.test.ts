/**
 * Conformance with migra's public-domain schema pairs (../shared/conformance/migra): for every case,
 * load a.sql and b.sql into two databases, plan a → b, run the plan on the a database, and require
 * the diff to b to be empty. The count of converging cases is printed and kept in the README.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadSource } from '../src/sources/load.js';
import { plan } from '../src/plan/plan.js';
import { verifyPlan } from '../src/plan/verify.js';

const ROOT = ['../shared/conformance/migra', '../../shared/conformance/migra'].find((p) => existsSync(p));
const CASES = ROOT ? readdirSync(ROOT).sort() : [];

describe('migra conformance: plan a → b converges', { skip: !ROOT && 'shared/conformance not found beside the checkout' }, () => {
  for (const name of CASES) {
    test(name, async () => {
      const a = { kind: 'sql' as const, path: join(ROOT!, name, 'a.sql') };
      const b = { kind: 'sql' as const, path: join(ROOT!, name, 'b.sql') };
      // migra's own test setup creates this role before loading the cases.
      const options = { roles: ['schemainspect_test_role'] };
      const [from, to] = await Promise.all([loadSource(a, options), loadSource(b, options)]);
      const planned = plan(from.schema, to.schema, { allowDestructive: true });
      const { remaining } = await verifyPlan(a, from.schema, to.schema, planned, options);
      assert.deepEqual(remaining.map((c) => c.message), [], planned.steps.map((s) => s.sql).join('\n'));
      assert.deepEqual(planned.withheld, []);
    });
  }
});
