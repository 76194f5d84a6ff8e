/** `pgdrift audit` as a user runs it. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { createDatabase } from './helpers/servers.js';
import { tempDir } from './helpers/temp.js';

const EXAMPLE = 'examples/supabase-app/supabase/migrations';

describe('pgdrift audit', () => {
  test('text: findings with hints and fixes, then the coverage matrix', () => {
    const r = pgdrift(['audit', EXAMPLE]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /1 error, 2 warnings, 6 info/);
    assert.match(r.stdout, /error {3}\[rls-disabled\] table public\.audit_log is in the exposed schema public without row level security/);
    assert.match(r.stdout, /fix: {2}alter table public\.audit_log enable row level security;/);
    assert.match(r.stdout, /public\.profiles\n {2}role +SELECT +INSERT +UPDATE +DELETE\n/);
    assert.match(r.stdout, /authenticated {2}Profiles are viewable by everyone {2}- +Users can update their own profile {2}-/);
    assert.match(r.stdout, /anon {11}ALL ROWS \(no RLS\)/);
  });

  test('json: findings carry kind, rule, object, severity and message; the matrix is data', () => {
    const r = pgdrift(['audit', EXAMPLE, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.summary, { error: 1, warning: 2, info: 6 });
    assert.deepEqual(report.findings.filter((f: { severity: string }) => f.severity === 'warning').map((f: { rule: string }) => f.rule), ['security-definer-executable', 'function-search-path-mutable']);
    assert.deepEqual(Object.keys(report.findings[0]).slice(0, 5), ['kind', 'rule', 'object', 'severity', 'message']);
    const profiles = report.coverage.find((c: { table: string }) => c.table === 'public.profiles');
    assert.deepEqual(profiles.roles.authenticated.update, { kind: 'policies', permissive: ['Users can update their own profile'], restrictive: [] });
    assert.deepEqual(profiles.roles.anon.update, { kind: 'denied' });
  });

  test('grants count: a role the table is not granted to reaches nothing, and an ungranted table without RLS is not flagged', () => {
    const dir = join(tempDir('pgdrift-audit-'), 'supabase', 'migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '20240101000000_init.sql'), `create table public.notes (id int, body text);
      alter table public.notes enable row level security;
      create policy "read" on public.notes for select to anon, authenticated using (true);
      revoke all on public.notes from anon;
      create table public.internal (id int);
      revoke all on public.internal from anon, authenticated;`);
    const report = JSON.parse(pgdrift(['audit', dir, '--format', 'json']).stdout);
    const notes = report.coverage.find((c: { table: string }) => c.table === 'public.notes');
    assert.deepEqual(notes.roles.anon.select, { kind: 'no privilege' });
    assert.deepEqual(notes.roles.authenticated.select, { kind: 'policies', permissive: ['read'], restrictive: [] });
    assert.deepEqual(report.findings.filter((f: { rule: string }) => f.rule === 'rls-disabled'), []);
  });

  test('markdown: a findings table and a coverage table per table', () => {
    const r = pgdrift(['audit', EXAMPLE, '--format', 'markdown']);
    assert.match(r.stdout, /^## Security audit: /);
    assert.match(r.stdout, /\| error \| `rls-disabled` \| `public\.audit_log` \|/);
    assert.match(r.stdout, /#### `public\.documents`\n\n\| role \| SELECT \| INSERT \| UPDATE \| DELETE \|/);
    assert.match(r.stdout, /\| authenticated \| Members read documents \| - \| - \| - \|/);
  });

  test('the config switches rules off, re-levels them, and sets the audit options', () => {
    const dir = tempDir('pgdrift-audit-');
    const off = { 'fk-unindexed': 'off', 'graphql-table-exposed': 'off', 'security-definer-executable': 'off', 'function-search-path-mutable': 'off' };
    writeFileSync(join(dir, 'pgdrift.config.json'), JSON.stringify({ rules: { 'rls-disabled': 'warning', ...off }, audit: { forceRls: ['public.documents'] } }));
    const r = pgdrift(['audit', EXAMPLE, '--config', join(dir, 'pgdrift.config.json'), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`), ['rls-disabled:warning', 'rls-not-forced:warning']);
    assert.equal(r.status, 0, 'nothing at error level');
    assert.equal(pgdrift(['audit', EXAMPLE, '--config', join(dir, 'pgdrift.config.json'), '--fail-on', 'warning']).status, 1);
  });

  test('--exposed changes which schemas count as exposed', () => {
    const r = pgdrift(['audit', EXAMPLE, '--exposed', 'api', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    // Only what does not depend on the exposed schemas is left.
    assert.deepEqual(report.findings.map((f: { rule: string }) => f.rule), ['function-search-path-mutable', 'fk-unindexed']);
    assert.deepEqual(report.coverage, []);
  });

  test('the realistic Supabase folder: per-row auth calls and a multiple-permissive table are found', () => {
    const r = pgdrift(['audit', 'test/fixtures/supabase-realworld/supabase/migrations', '--format', 'json']);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string; object: string }) => `${f.rule} ${f.object}`);
    assert.ok(rules.includes('auth-per-row public.accounts."owner manages account"'), rules.join('\n'));
    assert.ok(rules.includes('rls-disabled public.chunks'), rules.join('\n'));
    assert.ok(rules.includes('rls-no-policy public.events'), rules.join('\n'));
    assert.ok(rules.includes('extension-in-public pg_cron'), rules.join('\n'));
  });

  test('a live database also gets the checks only it can answer (an invalid index), and is not written to', async () => {
    const db = await createDatabase('pg15', 'create table t (a int); insert into t values (1), (1);');
    try {
      await db.client.query('create unique index concurrently broken on t (a)').catch(() => undefined);
      const r = pgdrift(['audit', db.url, '--format', 'json']);
      const findings = JSON.parse(r.stdout).findings.map((f: { rule: string; object: string }) => `${f.rule} ${f.object}`);
      assert.ok(findings.includes('invalid-index public.broken'), findings.join('\n'));
      assert.deepEqual((await db.client.query("select count(*)::int as n from pg_index where not indisvalid")).rows[0], { n: 1 });
    } finally {
      await db.drop();
    }
  });
});
