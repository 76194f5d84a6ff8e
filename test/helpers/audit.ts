/** Running one audit rule on a schema built in a real (PGlite, Supabase base) database. */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from '../../src/audit/audit.js';
import { RULES } from '../../src/audit/rules/index.js';
import type { AuditOptions, Finding } from '../../src/audit/types.js';
import { closeShadow, inspectSql } from './schema.js';

after(closeShadow);

/** Findings of `rule` alone on the schema `sql` builds. */
export async function findings(rule: string, sql: string, options: Partial<AuditOptions> = {}): Promise<Finding[]> {
  assert.ok(RULES.some((r) => r.id === rule), `unknown rule ${rule}`);
  const levels = Object.fromEntries(RULES.filter((r) => r.id !== rule).map((r) => [r.id, 'off' as const]));
  return audit(await inspectSql(sql, { supabase: true }), options, levels);
}

/** Asserts the offending schema gives exactly these objects, and the fixed one none. */
export async function offendsAndFixes(rule: string, offending: string, fixed: string, objects: string[], options: Partial<AuditOptions> = {}): Promise<Finding[]> {
  const found = await findings(rule, offending, options);
  assert.deepEqual(found.map((f) => f.object), objects, found.map((f) => f.message).join('\n'));
  for (const f of found) {
    assert.equal(f.rule, rule);
    assert.ok(f.message.length > 20);
  }
  assert.deepEqual(await findings(rule, fixed, options), []);
  return found;
}
