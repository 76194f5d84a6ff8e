import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { expandEnv, loadConfig, resolveSourceName } from '../src/config/config.js';
import { applyIgnores, globToRegExp } from '../src/diff/ignore.js';
import type { Change } from '../src/diff/types.js';
import { UserError } from '../src/errors.js';
import { tempDir } from './helpers/temp.js';

function file(name: string, text: string): string {
  const path = join(tempDir('pgdrift-cfg-'), name);
  writeFileSync(path, text);
  return path;
}

describe('config files', () => {
  test('JSON, YAML and TypeScript configs read the same', async () => {
    const json = await loadConfig(file('pgdrift.config.json', JSON.stringify({ sources: { prod: '${PROD_URL}' }, ignore: [{ object: 'public.legacy', reason: 'kept' }] })));
    const yaml = await loadConfig(file('pgdrift.config.yaml', 'sources:\n  prod: ${PROD_URL}\nignore:\n  - object: public.legacy\n    reason: kept\n'));
    const ts = await loadConfig(file('pgdrift.config.ts', "const config: { sources: Record<string, string>; ignore: { object: string; reason: string }[] } = { sources: { prod: '${PROD_URL}' }, ignore: [{ object: 'public.legacy', reason: 'kept' }] };\nexport default config;\n"));
    for (const c of [json, yaml, ts]) {
      assert.deepEqual(c.sources, { prod: '${PROD_URL}' });
      assert.equal(c.ignore[0]!.reason, 'kept');
      assert.deepEqual(c.check, []);
    }
  });

  test('a config error names the file and the field', async () => {
    await assert.rejects(loadConfig(file('pgdrift.config.json', JSON.stringify({ ignore: [{ object: 'x' }] }))), (e: unknown) => e instanceof UserError && /pgdrift\.config\.json: ignore\.0\.reason: /.test(e.message));
    await assert.rejects(loadConfig(file('pgdrift.config.json', JSON.stringify({ sorces: {} }))), /Unrecognized key/);
    await assert.rejects(loadConfig(file('pgdrift.config.yaml', 'sources: [unclosed')), (e: unknown) => e instanceof UserError && /cannot read the config/.test(e.message));
    await assert.rejects(loadConfig('missing.config.json'), /config not found: missing\.config\.json/);
  });

  test('a JSON or YAML config validated once comes from the cache: zod is not loaded for it again; an edited one is checked anew', async () => {
    const env = { ...process.env, PGDRIFT_CACHE_DIR: tempDir('pgdrift-cfg-cache-') };
    for (const [name, text] of [['pgdrift.config.yaml', 'sources:\n  prod: prod.sql\nrenames:\n  - from: public.a.x\n    to: y\n'], ['pgdrift.config.json', '{ "failOn": "warning" }']] as const) {
      const path = file(name, text);
      const list = join(tempDir('pgdrift-modules-'), 'loaded.txt');
      const script = `import { loadConfig } from './src/config/config.ts'; console.log(JSON.stringify(await loadConfig(${JSON.stringify(path)})));`;
      const run = () => spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/loaded-modules.mjs', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...env, LOADED_MODULES: list } });
      const first = run();
      assert.equal(first.status, 0, first.stderr);
      assert.match(readFileSync(list, 'utf8'), /node_modules\/zod\//, 'the first read validates');
      writeFileSync(list, '');
      const again = run();
      assert.equal(again.stdout, first.stdout);
      assert.deepEqual(JSON.parse(again.stdout), await loadConfig(path, { cache: false }));
      assert.doesNotMatch(readFileSync(list, 'utf8'), /node_modules\/(zod|yaml)\//);
      assert.match(readFileSync(list, 'utf8'), /src\/config\/config\.ts/, 'the list holds what was loaded');
    }
    // An edit is a new text: validated, and refused when wrong, whatever was cached before.
    const path = file('pgdrift.config.json', '{ "failOn": "warning" }');
    const before = process.env.PGDRIFT_CACHE_DIR;
    process.env.PGDRIFT_CACHE_DIR = env.PGDRIFT_CACHE_DIR;
    try {
      assert.equal((await loadConfig(path)).failOn, 'warning');
      writeFileSync(path, '{ "failOn": "sometimes" }');
      await assert.rejects(loadConfig(path), /pgdrift\.config\.json: failOn: /);
    } finally {
      if (before === undefined) delete process.env.PGDRIFT_CACHE_DIR;
      else process.env.PGDRIFT_CACHE_DIR = before;
    }
  });

  test('source values expand environment variables; an unset one is bad input', () => {
    assert.equal(expandEnv('postgres://u:${PW}@h/$DB', 'x', { PW: 'p', DB: 'd' }), 'postgres://u:p@h/d');
    assert.throws(() => expandEnv('${NOPE_UNSET}', 'sources.prod', {}), /sources\.prod uses \$NOPE_UNSET, which is not set/);
    const config = { sources: { tenants: ['a.sql', 'b.sql'], one: 'c.sql' }, check: [], ignore: [], renames: [], rules: {} };
    assert.deepEqual(resolveSourceName(config, 'tenants'), { name: 'tenants', specs: ['a.sql', 'b.sql'] });
    assert.deepEqual(resolveSourceName(config, 'other.sql'), { specs: ['other.sql'] });
  });
});

describe('ignore rules', () => {
  const change = (object: string, kind: Change['kind'], action: Change['action'], table?: string): Change => ({ kind, action, object, severity: 'error', message: object, ...(table ? { table } : {}) });

  test('globs: * stays within a name, ** crosses names', () => {
    assert.ok(globToRegExp('public.*.organization_id').test('public.tasks.organization_id'));
    assert.ok(!globToRegExp('public.*').test('public.tasks.organization_id'));
    assert.ok(globToRegExp('public.**').test('public.tasks.organization_id'));
    assert.ok(!globToRegExp('a.b').test('aXb'));
  });

  test('rules match by object, kind, action and source, and keep their reason', () => {
    const changes = [
      change('public.tasks.organization_id', 'column', 'extra', 'public.tasks'),
      change('public.notes.organization_id', 'column', 'missing', 'public.notes'),
      change('public.book_chapters', 'table', 'extra', 'public.book_chapters'),
      change('public."Book".x', 'column', 'extra', 'public."Book"'),
    ];
    const rules = [
      { object: '*.*.organization_id', kind: 'column' as const, action: 'extra' as const, sources: ['tenants'], reason: 'tenant column' },
      { object: 'public.book_chapters', reason: 'legacy table kept on purpose' },
      { object: 'public.Book', reason: 'unquoted names match too' },
    ];
    const forTenants = applyIgnores(changes, rules, ['tenants', 'migrations']);
    assert.deepEqual(forTenants.changes.map((c) => c.object), ['public.notes.organization_id']);
    assert.deepEqual(forTenants.intentional.map((c) => c.reason), ['tenant column', 'legacy table kept on purpose', 'unquoted names match too']);
    const forProduction = applyIgnores(changes, rules, ['production']);
    assert.equal(forProduction.changes.length, 2);
  });
});

test('without a config file the defaults are what the schema gives an empty config', async () => {
  const { ConfigZ } = await import('../src/config/schema.js');
  const { defaultConfig } = await import('../src/config/config.js');
  assert.deepEqual(defaultConfig(), ConfigZ.parse({}));
});
