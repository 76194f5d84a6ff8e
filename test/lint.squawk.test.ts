/**
 * Conformance with squawk, the reference migration linter, on its own test cases
 * (../shared/conformance/squawk: a setup file, squawk's snippet, and squawk's verdict per case).
 * Each case is linted as a folder (setup, then snippet) with the pgdrift rule that matches squawk's
 * rule turned on, and squawk's flags as pgdrift options (--assume-in-transaction, --pg-version):
 * every `error` case must be flagged by that rule in the snippet, every `ok` case must not be, except
 * the error cases listed where PostgreSQL itself shows squawk wrong (each reason checked). Other
 * default rules that speak on `ok` cases (a DROP TABLE in a snippet about another rule) are counted.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { lintFolder } from '../src/lint/lint.js';
import { LINT_RULES } from '../src/lint/rules/index.js';
import { createDatabase, serverUrl } from './helpers/servers.js';

const ROOT = ['../shared/conformance/squawk', '../../shared/conformance/squawk'].find((p) => existsSync(join(p, 'cases.tsv')));

/** squawk's rule → the pgdrift rule that checks the same thing (kept in the README's table). */
export const SQUAWK_RULES: Record<string, string | string[]> = {
  'adding-field-with-default': 'table-rewrite',
  'adding-foreign-key-constraint': 'constraint-not-valid',
  'adding-not-nullable-field': 'set-not-null',
  'adding-required-field': 'add-not-null-column',
  'adding-serial-primary-key-field': 'add-key-without-index',
  'ban-alter-domain-with-add-constraint': 'alter-domain-add-constraint',
  'ban-char-field': 'ban-char-type',
  'ban-concurrent-index-creation-in-transaction': 'concurrently-in-transaction',
  'ban-create-domain-with-constraint': 'create-domain-with-constraint',
  'ban-drop-column': 'drop-column-or-table',
  'ban-drop-not-null': 'drop-not-null',
  'ban-drop-table': 'drop-column-or-table',
  'ban-duplicate-column-assignments': 'replay-error',
  'ban-truncate-cascade': 'truncate-cascade',
  'ban-uncommitted-transaction': 'uncommitted-transaction',
  'changing-column-type': 'column-type-change',
  'constraint-missing-not-valid': 'constraint-not-valid',
  'disallowed-unique-constraint': 'add-key-without-index',
  'identifier-too-long': 'identifier-too-long',
  'prefer-bigint-over-int': 'prefer-bigint-over-int',
  'prefer-bigint-over-smallint': 'prefer-bigint-over-smallint',
  'prefer-identity': 'prefer-identity',
  'prefer-repack': 'prefer-repack',
  'prefer-robust-stmts': 'prefer-robust-statements',
  'prefer-text-field': 'prefer-text',
  'prefer-timestamptz': 'prefer-timestamptz',
  'renaming-column': 'rename-column-or-table',
  'renaming-table': 'rename-column-or-table',
  'require-concurrent-index-creation': 'create-index-not-concurrently',
  'require-concurrent-index-deletion': 'drop-index-not-concurrently',
  'require-concurrent-partition-detach': 'detach-partition-not-concurrently',
  'require-concurrent-reindex': 'reindex-not-concurrently',
  'require-enum-value-ordering': 'enum-value-ordering',
  'require-table-schema': 'require-schema',
  'require-timeout-settings': ['require-lock-timeout', 'require-statement-timeout'],
  'transaction-nesting': 'transaction-nesting',
};

/** Rules that report a statement PostgreSQL itself refuses. */
const POSTGRES_REJECTS = new Set(['replay-error', 'missing-object', 'syntax-error', 'missing-semicolon']);

/**
 * Error cases where PostgreSQL shows squawk's verdict does not hold, each checked below: the snippet is
 * not valid PostgreSQL (pgdrift reports that instead), or PostgreSQL does not do what squawk fears.
 */
const POSTGRES_DISAGREES: Record<string, { reason: string; rejected?: true; noRewrite?: true }> = {
  adding_field_with_default__arbitrary_func_err: { noRewrite: true, reason: 'the default calls a SQL function whose body (select null::jsonb) PostgreSQL inlines to a constant: the column is added without a rewrite' },
  adding_field_with_default__default_uuid_error: { noRewrite: true, reason: 'the default calls a SQL function whose body (select null::int4) PostgreSQL inlines to a constant: the column is added without a rewrite' },
  adding_field_with_default__default_volatile_func_err: { rejected: true, reason: 'PostgreSQL rejects the snippet (a double precision default for a boolean column)' },
  ban_char_field__all_the_types: { rejected: true, reason: 'PostgreSQL does not parse the snippet (`int array[]` is not PostgreSQL syntax)' },
};

/** squawk's configuration of a case, where its name says it ran with only one half of a rule enabled. */
function rulesFor(c: Case): string[] {
  const rules = [SQUAWK_RULES[c.squawkRule] ?? []].flat();
  const only = /only_(\w+?)_rule_enabled/.exec(c.name)?.[1]?.replace(/_/g, '-');
  return only ? rules.filter((r) => r === `require-${only}`) : rules;
}

/** Whether running setup and snippet on a real server leaves the table's storage (relfilenode) as it was. */
async function storageUnchanged(dir: string): Promise<boolean> {
  const db = await createDatabase('pg15', readFileSync(join(dir, '0000_setup.sql'), 'utf8'));
  try {
    const storage = async () => JSON.stringify((await db.client.query(`select relname, relfilenode from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`)).rows);
    const before = await storage();
    await db.client.query(readFileSync(join(dir, '0001_x.sql'), 'utf8'));
    return before === (await storage());
  } finally {
    await db.drop();
  }
}

interface Case { name: string; squawkRule: string; expect: 'error' | 'ok'; flags: string }

function cases(): Case[] {
  if (!ROOT) return [];
  return readFileSync(join(ROOT, 'cases.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [name, squawkRule, expect, flags = ''] = line.split('\t');
    return { name: name!, squawkRule: squawkRule!, expect: expect as Case['expect'], flags };
  });
}

const tally = { error: { flagged: 0, total: 0, disagree: 0 }, ok: { silent: 0, total: 0 } };
const otherRules = new Map<string, number>();
after(() => {
  if (!tally.error.total) return;
  console.log(`squawk conformance: ${tally.error.flagged} of ${tally.error.total} error cases flagged (${tally.error.disagree} more where PostgreSQL shows squawk wrong), ${tally.ok.silent} of ${tally.ok.total} ok cases silent`);
  if (otherRules.size) console.log(`  other default rules that speak on ok cases: ${[...otherRules].map(([r, n]) => `${r} ×${n}`).join(', ')}`);
});

describe('lint conformance: squawk\'s cases, squawk\'s verdicts', { skip: !ROOT && 'shared/conformance not found beside the checkout' }, () => {
  test('every squawk rule has a pgdrift rule', () => {
    const ids = new Set(LINT_RULES.map((r) => r.id));
    for (const c of cases()) assert.ok(rulesFor(c).length && rulesFor(c).every((r) => ids.has(r)), `${c.squawkRule} has no pgdrift rule`);
  });
  for (const c of cases()) {
    test(`${c.expect} ${c.name}`, async () => {
      const rules = rulesFor(c);
      const pgVersion = /--pg-version=(\d+)/.exec(c.flags)?.[1];
      const dir = join(ROOT!, 'cases', c.name);
      const result = await lintFolder(dir, {
        shadow: serverUrl('pg15'),
        assumeInTransaction: c.flags.includes('--assume-in-transaction'),
        ...(pgVersion ? { pgVersion: Number(pgVersion) } : {}),
        levels: Object.fromEntries(rules.map((r) => [r, 'warning'])),
      });
      const inSnippet = result.findings.filter((f) => f.file.endsWith('0001_x.sql'));
      const mine = inSnippet.filter((f) => rules.includes(f.rule));
      const shown = inSnippet.map((f) => `${f.rule} ${f.line}:${f.column} ${f.message}`).join('\n');
      const disagree = POSTGRES_DISAGREES[c.name];
      if (c.expect === 'error') {
        tally.error.total++;
        if (disagree) {
          tally.error.disagree++;
          assert.equal(mine.length, 0, `${c.name} is listed as one where PostgreSQL disagrees with squawk, but ${rules} flags it: remove it from the list`);
          if (disagree.rejected) assert.ok(inSnippet.some((f) => POSTGRES_REJECTS.has(f.rule)), `${disagree.reason}: expected pgdrift to report that\n${shown}`);
          if (disagree.noRewrite) assert.ok(await storageUnchanged(dir), disagree.reason);
          return;
        }
        if (mine.length) tally.error.flagged++;
        assert.ok(mine.length > 0, `squawk's ${c.squawkRule} flags this; pgdrift's ${rules} does not:\n${shown}`);
      } else {
        tally.ok.total++;
        const others = inSnippet.filter((f) => !rules.includes(f.rule) && !LINT_RULES.find((r) => r.id === f.rule)?.optIn);
        for (const f of others) { otherRules.set(f.rule, (otherRules.get(f.rule) ?? 0) + 1); }
        if (!mine.length) tally.ok.silent++;
        assert.equal(mine.length, 0, `squawk's ${c.squawkRule} accepts this; pgdrift's ${rules} flags it:\n${shown}`);
      }
    });
  }
});
