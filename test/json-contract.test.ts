/**
 * The JSON contract: the schemas shipped in schemas/ are those the contract generates, and what every
 * command prints with --format json validates against its schema (with Ajv, a JSON Schema validator
 * independent of the zod the schemas come from).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CONTRACTS, type ContractName } from '../src/report/contract.js';
import { schemaText } from '../scripts/schemas.js';
import { pgdrift } from './helpers/cli.js';
import { createDatabase } from './helpers/servers.js';
import { tempFiles } from './helpers/temp.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = Object.fromEntries((Object.keys(CONTRACTS) as ContractName[]).map((n) => [n, ajv.compile(JSON.parse(readFileSync(`schemas/${n}.schema.json`, 'utf8')))]));

function valid(name: ContractName, stdout: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  const check = validators[name]!;
  assert.ok(check(doc), `${name}: ${ajv.errorsText(check.errors)}`);
  return doc;
}

const EXAMPLE = 'examples/supabase-app/supabase/migrations';

test('the shipped schemas are current (npm run schemas writes them)', () => {
  for (const name of Object.keys(CONTRACTS) as ContractName[]) assert.equal(readFileSync(`schemas/${name}.schema.json`, 'utf8'), schemaText(name), `schemas/${name}.schema.json`);
});

test('inspect, diff, lint, audit and check print documents of their schema, each with its format and version', () => {
  const dir = tempFiles({ 'a.sql': 'create table t (id int primary key);\n', 'b.sql': 'create table t (id int primary key, name text not null);\n' });
  valid('inspect', pgdrift(['inspect', EXAMPLE, '--format', 'json']).stdout);
  const diff = valid('diff', pgdrift(['diff', join(dir, 'a.sql'), join(dir, 'b.sql'), '--format', 'json']).stdout);
  assert.deepEqual([diff.format, diff.version], ['pgdrift-diff', 1]);
  assert.equal(valid('lint', pgdrift(['lint', EXAMPLE, '--format', 'json']).stdout).format, 'pgdrift-lint');
  assert.equal(valid('audit', pgdrift(['audit', EXAMPLE, '--format', 'json']).stdout).format, 'pgdrift-audit');
  const check = spawnSync(process.execPath, [resolve('bin/pgdrift.js'), 'check', '--format', 'json'], { cwd: 'examples/supabase-app', encoding: 'utf8' });
  assert.equal(valid('check', check.stdout).format, 'pgdrift-check');
  // Not vacuous: a document without its changes is refused.
  const { changes: _, ...broken } = diff;
  assert.equal(validators.diff!(broken), false);
});

test('status and preflight print documents of their schema', async () => {
  const dir = tempFiles({ '001_a.sql': 'create table a (id int);\n', '002_b.sql': 'create table b (id int);\n' });
  const db = await createDatabase('pg17');
  try {
    valid('status', pgdrift(['status', dir, db.url, '--format', 'json']).stdout);
    valid('preflight', pgdrift(['preflight', dir, db.url, '--format', 'json']).stdout);
  } finally {
    await db.drop();
  }
});
