/** `pgdrift lint` as a user runs it: compiler-style text, JSON, SARIF, exit codes, config levels. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pgdrift } from './helpers/cli.js';
import { tempDir } from './helpers/temp.js';

function folder(): string {
  const dir = join(tempDir('pgdrift-clilint-'), 'supabase', 'migrations');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '20240101000000_init.sql'), 'create table submissions (id int primary key);\nalter table submissions enable row level security;\n');
  writeFileSync(join(dir, '20240102000000_idx.sql'), 'create index submission_idx on submission (id);\ncreate index sub_id on submissions (id);\n');
  return dir;
}

describe('pgdrift lint', () => {
  test('text: file:line:col, severity, rule, message, hint; exit 1 on errors', () => {
    const r = pgdrift(['lint', folder()]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /20240102000000_idx\.sql:1:32: error \[missing-object\] relation "submission" does not exist; did you mean "submissions"\?/);
    assert.match(r.stdout, /20240102000000_idx\.sql:2:1: warning \[create-index-not-concurrently\]/);
    assert.match(r.stdout, /2 files linted: 1 error, 1 warning, 0 info\n$/);
  });

  test('json: findings with kind, rule, object, severity, message, file, line, column', () => {
    const report = JSON.parse(pgdrift(['lint', folder(), '--format', 'json']).stdout);
    assert.deepEqual(report.summary, { error: 1, warning: 1, info: 0, suppressed: 0 });
    for (const f of report.findings) for (const k of ['kind', 'rule', 'object', 'severity', 'message', 'file', 'line', 'column']) assert.ok(f[k] !== undefined, k);
  });

  test('sarif: a SARIF 2.1.0 log that code scanning reads', () => {
    const sarif = JSON.parse(pgdrift(['lint', folder(), '--format', 'sarif']).stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'pgdrift');
    assert.ok(run.tool.driver.rules.length >= 19);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'missing-object');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'missing-object');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 32 });
    assert.match(result.locations[0].physicalLocation.artifactLocation.uri, /20240102000000_idx\.sql$/);
    assert.equal(run.results.find((r: { ruleId: string }) => r.ruleId === 'create-index-not-concurrently').level, 'warning');
  });

  test('the config turns rules off and re-levels them; --fail-on sets the bar', () => {
    const dir = folder();
    const config = join(dir, '..', 'pgdrift.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'missing-object': 'warning', 'create-index-not-concurrently': 'off' } }));
    const r = pgdrift(['lint', dir, '--config', config, '--format', 'json']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`), ['missing-object:warning']);
    assert.equal(pgdrift(['lint', dir, '--config', config, '--fail-on', 'warning']).status, 1);
  });

  test('the example project lints with the RLS gap it has on purpose', () => {
    const r = pgdrift(['lint', 'examples/supabase-app/supabase/migrations']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /20240305080000_audit_log\.sql:2:14: warning \[new-table-without-rls\] table public\.audit_log/);
  });

  test('lint of something that is not a migrations folder is bad input', () => {
    const r = pgdrift(['lint', 'test/fixtures/views.sql']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pgdrift: lint takes one migrations folder; test\/fixtures\/views\.sql is a sql source/);
  });

  test('-- pgdrift-ignore on a statement or a file: shown as suppressed with the reason, not counted, and in SARIF as a suppression', () => {
    const dir = folder();
    writeFileSync(join(dir, '20240103000000_more.sql'), [
      '-- pgdrift-ignore-file drop-column-or-table: the column was never read',
      'alter table submissions add column legacy int;',
      'alter table submissions drop column legacy;',
      '-- pgdrift-ignore create-index-not-concurrently: the table is empty in every environment',
      'create index sub_a on submissions (id);',
      'create index sub_b on submissions (id); -- pgdrift-ignore create-index-not-concurrently, identifier-too-long: small table',
      'create index sub_c on submissions (id);',
      '',
    ].join('\n'));
    const r = pgdrift(['lint', dir, '--fail-on', 'warning']);
    assert.match(r.stdout, /20240103000000_more\.sql:3:1: suppressed \[drop-column-or-table\] .* \(pgdrift-ignore: the column was never read\)/);
    assert.match(r.stdout, /20240103000000_more\.sql:5:1: suppressed \[create-index-not-concurrently\] .*\(pgdrift-ignore: the table is empty in every environment\)/);
    assert.match(r.stdout, /20240103000000_more\.sql:6:1: suppressed \[create-index-not-concurrently\] .*\(pgdrift-ignore: small table\)/);
    assert.match(r.stdout, /20240103000000_more\.sql:7:1: warning \[create-index-not-concurrently\]/);
    assert.match(r.stdout, /3 files linted: 1 error, 2 warnings, 0 info, 3 suppressed\n$/);
    const sarif = JSON.parse(pgdrift(['lint', dir, '--format', 'sarif']).stdout);
    const suppressed = sarif.runs[0].results.filter((x: { suppressions?: unknown[] }) => x.suppressions);
    assert.deepEqual(suppressed.map((x: { suppressions: { justification: string }[] }) => x.suppressions[0]!.justification), ['the column was never read', 'the table is empty in every environment', 'small table']);
    // Suppressed findings do not fail the run: only the unsuppressed ones count.
    writeFileSync(join(dir, '20240102000000_idx.sql'), 'create index sub_id on submissions (id); -- pgdrift-ignore create-index-not-concurrently: tiny\n');
    writeFileSync(join(dir, '20240103000000_more.sql'), '-- pgdrift-ignore-file drop-column-or-table: never read\nalter table submissions add column legacy int;\nalter table submissions drop column legacy;\n');
    assert.equal(pgdrift(['lint', dir, '--fail-on', 'warning']).status, 0);
  });

  test('--explain says what a rule checks, the lock it takes and what to do instead', () => {
    const r = pgdrift(['lint', '--explain', 'set-not-null']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^set-not-null \(default: warning\): /);
    assert.match(r.stdout, /\nlock: ACCESS EXCLUSIVE/);
    assert.match(r.stdout, /\ninstead: add CHECK \(col IS NOT NULL\) NOT VALID/);
    assert.match(pgdrift(['lint', '--explain', 'prefer-text']).stdout, /^prefer-text \(opt-in\)/);
    const bad = pgdrift(['lint', '--explain', 'set-not-nul']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^pgdrift: no lint rule set-not-nul: the rules are /);
  });

  test('--no-assume-in-transaction and --pg-version change what the rules see; a bad version is bad input', () => {
    const dir = folder();
    writeFileSync(join(dir, '20240103000000_c.sql'), 'alter table submissions add column n int;\nalter table submissions add constraint n_nn check (n is not null) not valid;\nalter table submissions validate constraint n_nn;\nalter table submissions alter column n set not null;\n');
    const rules = (args: string[]) => JSON.parse(pgdrift(['lint', dir, '--format', 'json', ...args]).stdout).findings.filter((f: { file: string }) => f.file.endsWith('_c.sql')).map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`);
    // The Supabase CLI runs the file in one transaction: validating there gains nothing (SET NOT NULL after it is instant).
    assert.deepEqual(rules([]), ['constraint-not-valid:3']);
    assert.deepEqual(rules(['--no-assume-in-transaction']), []);
    assert.deepEqual(rules(['--no-assume-in-transaction', '--pg-version', '11']), ['set-not-null:4']);
    const bad = pgdrift(['lint', dir, '--pg-version', 'latest']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^pgdrift: --pg-version takes a PostgreSQL major version \(e\.g\. 15\), not latest/);
  });

  test('a rule the config names that does not exist is bad input, with the closest name', () => {
    const dir = folder();
    const config = join(dir, '..', 'pgdrift.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'set-not-nul': 'off' } }));
    const r = pgdrift(['lint', dir, '--config', config]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /rules: there is no rule set-not-nul; did you mean set-not-null\?/);
  });
});
