/**
 * `pgdrift report`: the HTML file, read without a browser (report.browser.test.ts opens it in one).
 * The data embedded in the page is what the other commands print; tables are marked by what the
 * drift, the RLS coverage and the findings say; every link leads somewhere; hostile names stay text;
 * the layout has no overlapping boxes and edges that join their tables.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Diagram } from '../src/report/html/diagram.js';
import { layout, type Box } from '../src/report/html/layout.js';
import { pgdrift } from './helpers/cli.js';
import { createDatabase } from './helpers/servers.js';
import { tempDir, tempFiles } from './helpers/temp.js';
import { syntheticSchemaSql } from './helpers/report.js';

const APP = 'examples/supabase-app';
const MIGRATIONS = `${APP}/supabase/migrations`;
const PRODUCTION = `${APP}/production.sql`;

/** Runs `pgdrift report` and returns the page. */
function report(args: string[]): string {
  const out = join(tempDir(), 'report.html');
  const r = pgdrift(['report', ...args, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote .*report\.html/);
  return readFileSync(out, 'utf8');
}

const embedded = (html: string) => JSON.parse(/<script type="application\/json" id="pgdrift-data">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, unknown>;
const json = (args: string[]) => JSON.parse(pgdrift([...args, '--format', 'json']).stdout) as Record<string, unknown>;
const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** Each table box: its identity and its classes. */
function boxes(html: string): Map<string, Set<string>> {
  return new Map([...html.matchAll(/<g class="(table[^"]*)" id="d\d+" data-table="([^"]*)"/g)].map((m) => [unescape(m[2]!), new Set(m[1]!.split(' '))]));
}
const marked = (html: string, mark: string) => [...boxes(html)].filter(([, c]) => c.has(mark)).map(([id]) => id).sort();

test('the page holds the documents inspect, diff, audit and lint print, valid by the report schema', () => {
  const html = report([MIGRATIONS, '--against', PRODUCTION, '--supabase']);
  const data = embedded(html);
  assert.deepEqual(data.inspect, json(['inspect', MIGRATIONS]));
  assert.deepEqual(data.diff, [json(['diff', MIGRATIONS, PRODUCTION, '--supabase'])]);
  assert.deepEqual(data.audit, json(['audit', MIGRATIONS]));
  assert.deepEqual(data.lint, json(['lint', MIGRATIONS]));
  const ajv = new Ajv2020({ strict: false });
  const valid = ajv.compile(JSON.parse(readFileSync('schemas/report.schema.json', 'utf8')));
  assert.ok(valid(data), ajv.errorsText(valid.errors));
});

test('tables are marked by the drift, the RLS coverage and the findings, each drawn once', () => {
  const html = report([PRODUCTION, '--against', MIGRATIONS, '--supabase']);
  const diff = json(['diff', PRODUCTION, MIGRATIONS, '--supabase']) as { changes: { kind: string; object: string; table?: string }[] };
  const audit = json(['audit', PRODUCTION, '--supabase']) as { coverage: { table: string; rls: boolean }[]; findings: { kind: string; object: string }[] };
  const tables = [...boxes(html).keys()];
  assert.equal(tables.length, new Set(tables).size);
  const drifted = new Set(diff.changes.map((c) => c.table ?? (c.kind === 'table' ? c.object : '')).filter(Boolean));
  assert.ok(drifted.size >= 3);
  assert.deepEqual(marked(html, 'drifted'), [...drifted].sort());
  assert.deepEqual(marked(html, 'rls-off'), audit.coverage.filter((c) => !c.rls).map((c) => c.table).sort());
  for (const f of audit.findings.filter((f) => f.kind === 'table')) assert.ok(marked(html, 'has-findings').includes(f.object), f.object);
  // auth.users is Supabase's: drawn with the column the project's keys reference.
  assert.ok(boxes(html).get('auth.users')?.has('platform'));
});

test('a table only the compared source has is drawn as missing, with its foreign keys', () => {
  const dir = tempFiles({
    'a.sql': 'create table public.orgs (id int primary key);\n',
    'b.sql': 'create table public.orgs (id int primary key);\ncreate table public.invoices (id int primary key, org_id int not null references public.orgs);\n',
  });
  const html = report([join(dir, 'a.sql'), '--against', join(dir, 'b.sql')]);
  assert.deepEqual(marked(html, 'missing'), ['public.invoices']);
  assert.match(html, /<path class="edge" d="M[^"]+" data-from="d1" data-to="d0"/);
  assert.match(html, /<li>1 missing<\/li>/);
});

test('--checks: the comparisons the config declares, as pgdrift check makes them', () => {
  const out = join(tempDir(), 'report.html');
  const run = (args: string[]) => spawnSync(process.execPath, [resolve('bin/pgdrift.js'), ...args], { cwd: APP, encoding: 'utf8' });
  const r = run(['report', 'production', '--checks', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const check = JSON.parse(run(['check', '--format', 'json']).stdout) as { comparisons: Record<string, unknown>[] };
  const comparisons = check.comparisons.map(({ failOn: _, failed: __, ...c }) => ({ format: 'pgdrift-diff', version: 1, ...c }));
  assert.deepEqual(embedded(readFileSync(out, 'utf8')).diff, comparisons);
  // The config's ignore rule holds: the archive table is intentional, not drift.
  assert.ok(!marked(readFileSync(out, 'utf8'), 'drifted').includes('public.audit_log_2023'));
});

test('every link and focus leads to a table that is drawn and described', () => {
  const html = report([PRODUCTION, '--against', MIGRATIONS, '--supabase']);
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
  const links = [...html.matchAll(/<a href="#(table-\d+)" data-focus="(d\d+)">/g)];
  assert.ok(links.length >= 20, `${links.length} links`);
  for (const [, section, box] of links) assert.ok(ids.has(section!) && ids.has(box!), `${section} ${box}`);
  // Each finding about a table links to it.
  const rows = [...html.matchAll(/<tr><td><span class="sev[^"]*">[^<]*<\/span><\/td><td><code>rls-disabled<\/code><\/td><td>(.*?)<\/td>/g)];
  assert.ok(rows.length >= 1);
  for (const [, cell] of rows) assert.match(cell!, /^<a href="#table-\d+"/);
});

test('names with quotes, markup and script end tags are text in the page, not markup', () => {
  const dir = tempFiles({
    'hostile.sql': `create table public."</script><script>alert(1)</script>" (id int primary key, "a ""b"" & <c>" text);
create table public."Child's ""table""" (id int primary key, parent int references public."</script><script>alert(1)</script>");
`,
  });
  const html = report([join(dir, 'hostile.sql')]);
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the page\'s own two scripts end');
  assert.deepEqual([...boxes(html).keys()].sort(), ['public."</script><script>alert(1)</script>"', 'public."Child\'s ""table"""']);
  const data = embedded(html) as { inspect: { schema: { tables: { name: string; columns: { name: string }[] }[] } } };
  assert.deepEqual(data.inspect.schema.tables.map((t) => t.name).sort(), ['</script><script>alert(1)</script>', 'Child\'s "table"']);
  assert.ok(html.includes(`${'a "b" & <c>'.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}`));
});

test('a live database is reported as it is, read only; -o - writes the page to stdout', async () => {
  const db = await createDatabase('pg17', 'create table public.accounts (id int primary key); create table public.notes (id int primary key, account int references public.accounts);');
  try {
    const r = pgdrift(['report', db.url, '-o', '-']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<!doctype html>/);
    assert.deepEqual([...boxes(r.stdout).keys()].sort(), ['public.accounts', 'public.notes']);
    const password = new URL(db.url).password;
    assert.ok(password && !r.stdout.includes(`:${password}@`), 'the URL\'s password is not in the page');
    assert.match(r.stdout, /<title>pgdrift report: postgres:\/\/postgres:\*\*\*@/);
  } finally {
    await db.drop();
  }
});

test('bad input: one line, exit 2', () => {
  const missing = pgdrift(['report', 'no/such/folder', '-o', join(tempDir(), 'r.html')]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const checks = pgdrift(['report', PRODUCTION, '--checks', '--config', join(tempFiles({ 'c.yaml': 'sources: {}\n' }), 'c.yaml'), '-o', join(tempDir(), 'r.html')]);
  assert.equal(checks.status, 2);
  assert.match(checks.stderr, /--checks needs comparisons in a "check" list/);
});

/** Whether two boxes overlap (touching is not). */
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: { x: number; y: number }, b: Box) =>
  p.x >= b.x - 1 && p.x <= b.x + b.width + 1 && p.y >= b.y - 1 && p.y <= b.y + b.height + 1
  && (Math.abs(p.x - b.x) <= 1 || Math.abs(p.x - b.x - b.width) <= 1 || Math.abs(p.y - b.y) <= 1 || Math.abs(p.y - b.y - b.height) <= 1);

test('the layout of 300 tables in 3 schemas: no boxes overlap, each in its schema, each edge joins its tables', async () => {
  const { diagramOf } = await import('../src/report/html/diagram.js');
  const { loadSource } = await import('../src/sources/load.js');
  const path = join(tempFiles({ 's.sql': syntheticSchemaSql(300) }), 's.sql');
  const schema = (await loadSource({ kind: 'sql', path })).schema;
  const d: Diagram = diagramOf(schema, [], new Map());
  const l = await layout(d);
  assert.equal(l.tables.size, 300);
  const all = [...l.tables];
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) assert.ok(!overlap(all[i]![1], all[j]![1]), `${all[i]![0]} overlaps ${all[j]![0]}`);
  for (const e of d.entities) {
    const t = l.tables.get(e.id)!;
    const s = l.schemas.get(e.schema)!;
    assert.ok(t.x >= s.x && t.y >= s.y && t.x + t.width <= s.x + s.width && t.y + t.height <= s.y + s.height, `${e.id} outside ${e.schema}`);
  }
  assert.ok(d.relations.length > 300);
  for (const r of d.relations) {
    const points = l.edges.get(r.id)!;
    assert.ok(onBorder(points[0]!, l.tables.get(r.from)!), `${r.id} starts at ${r.from}`);
    assert.ok(onBorder(points.at(-1)!, l.tables.get(r.to)!), `${r.id} ends at ${r.to}`);
  }
  // A screen's shape, within 3× either way.
  assert.ok(l.width / l.height > 1.6 / 3.5 && l.width / l.height < 1.6 * 3.5, `${l.width}×${l.height}`);
});
