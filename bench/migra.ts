/**
 * `pgdrift plan` beside @pgkit/migra (the TypeScript port of migra) on the same input, in `npm run bench`:
 * - two small .sql files (migra's own test pairs): pgdrift replays both into its shadow, plans and
 *   verifies the plan, in a new process (first run: `--no-cache`; again: from the replay cache); migra
 *   needs them in a server, so its time is loading both into two databases and diffing them;
 * - two live databases (the same pairs, loaded): `pgdrift plan <a> <b>` (a new process) against
 *   migra's diff of the two.
 * migra is timed twice: in this process (no start-up, its modules loaded) and as its command line in a
 * new process, as a user runs it (`migra <a> <b> --unsafe`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { run as migra } from '@pgkit/migra';
import type { RunningServer } from '../src/shadow/embedded.js';
import { freshDatabase } from './db.js';
import { COMMAND_ENV, EXTRA_CERTS, fmt, median, mem, pgdrift, type Run } from './process.js';

const PAIRS_DIR = join('..', 'shared', 'conformance', 'migra');
const PAIRS = ['columns', 'constraints', 'dependencies', 'functions', 'triggers'];
const MIGRA_CLI = join(createRequire(import.meta.url).resolve('@pgkit/migra'), '..', 'command.js');

/** The run of median time, with the highest peak memory of them all. */
function medianRun(runs: Run[]): Run {
  const byTime = [...runs].sort((x, y) => x.ms - y.ms);
  const peaks = runs.map((r) => r.mb ?? 0);
  return { ...byTime[Math.floor(byTime.length / 2)]!, ...(Math.max(...peaks) ? { mb: Math.max(...peaks) } : {}) };
}

/** migra's command line in a new process, as a user runs it: its wall time. */
function migraCli(a: string, b: string): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [MIGRA_CLI, a, b, '--unsafe'], { encoding: 'utf8', env: COMMAND_ENV });
  if (r.status !== 0 && r.status !== 2) throw new Error(`migra: ${r.stderr}`);
  return performance.now() - t;
}

export async function migraSection(server: RunningServer): Promise<string> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  // migra's own test setup creates this role before its cases.
  await admin.query("do $$ begin create role schemainspect_test_role; exception when duplicate_object then null; end $$");
  await admin.end();
  const rows: { name: string; cold: number; warm: number; peak?: number; onServer: number; migraFiles: number; migraFilesCli: number; live: number; livePeak?: number; liveOnServer: number; liveUnverified: number; migraLive: number; migraLiveCli: number }[] = [];
  const available = new Set(readdirSync(PAIRS_DIR));
  for (const name of PAIRS.filter((p) => available.has(p))) {
    process.stderr.write(`plan vs migra: ${name}…\n`);
    const a = join(PAIRS_DIR, name, 'a.sql');
    const b = join(PAIRS_DIR, name, 'b.sql');
    const args = ['plan', a, b, '--allow-destructive', '--allow-unplanned', '--role', 'schemainspect_test_role'];
    // The first runs, pgdrift's and migra's command lines, are timed three times each, in turn (the machine's speed drifts): their medians.
    const colds: Run[] = [];
    const migraFilesClis: number[] = [];
    const load = async (suffix: string) => [await freshDatabase(server, `bench_a${suffix}_${name}`, readFileSync(a, 'utf8')), await freshDatabase(server, `bench_b${suffix}_${name}`, readFileSync(b, 'utf8'))] as const;
    for (const i of [1, 2, 3]) {
      colds.push(pgdrift([...args, '--no-cache']));
      const t = performance.now();
      const [ca, cb] = await load(`_cli${i}`);
      migraFilesClis.push(performance.now() - t + migraCli(ca, cb));
    }
    const cold = medianRun(colds);
    const migraFilesCli = median(migraFilesClis);
    pgdrift(args);
    const warm = pgdrift(args);
    // The same server migra uses, as pgdrift's shadow: both sides replayed there, and the plan verified there.
    const onServer = pgdrift([...args, '--no-cache', '--shadow', server.url]);
    let t = performance.now();
    const [ua, ub] = await load('');
    await migra(ua, ub, { unsafe: true });
    const migraFiles = performance.now() - t;
    t = performance.now();
    await migra(ua, ub, { unsafe: true });
    const migraLive = performance.now() - t;
    const liveArgs = ['plan', ua, ub, '--allow-destructive', '--allow-unplanned', '--role', 'schemainspect_test_role'];
    const lives: Run[] = [];
    const migraLiveClis: number[] = [];
    for (const _ of [1, 2, 3]) {
      lives.push(pgdrift(liveArgs));
      migraLiveClis.push(migraCli(ua, ub));
    }
    const live = medianRun(lives);
    const migraLiveCli = median(migraLiveClis);
    const liveOnServer = pgdrift([...liveArgs, '--shadow', server.url]);
    const liveUnverified = pgdrift([...liveArgs, '--no-verify']);
    for (const r of [...colds, warm, onServer, ...lives, liveOnServer, liveUnverified]) if (r.status !== 0) throw new Error(`pgdrift plan (${name}): ${r.stderr}`);
    rows.push({ name, cold: cold.ms, warm: warm.ms, ...(cold.mb ? { peak: cold.mb } : {}), onServer: onServer.ms, migraFiles, migraFilesCli, live: live.ms, ...(live.mb ? { livePeak: live.mb } : {}), liveOnServer: liveOnServer.ms, liveUnverified: liveUnverified.ms, migraLive, migraLiveCli });
  }
  const table = rows.map((r) => `| ${r.name} | ${fmt(r.cold)} | ${fmt(r.warm)} | ${mem({ mb: r.peak })} | ${fmt(r.onServer)} | ${fmt(r.migraFiles)} | ${fmt(r.migraFilesCli)} | ${fmt(r.live)} | ${mem({ mb: r.livePeak })} | ${fmt(r.liveOnServer)} | ${fmt(r.liveUnverified)} | ${fmt(r.migraLive)} | ${fmt(r.migraLiveCli)} |`);
  const med = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k] as number));
  const m = (k: keyof (typeof rows)[number]) => fmt(med(k));
  const ratio = (k: keyof (typeof rows)[number], of: keyof (typeof rows)[number]) => `${(med(k) / med(of)).toFixed(2)}×`;
  return `<!-- migra -->
## Plan beside migra

On migra's own test pairs (\`shared/conformance/migra\`), PostgreSQL ${server.version}. "pgdrift files" is
\`pgdrift plan a.sql b.sql\` in a new process, with its verification (on the shadow \`a.sql\` was
replayed into): first run (\`--no-cache\`) and again (from the replay cache), on its default PGlite
shadow (nothing to install); "on the server" is the same with \`--shadow <the server migra uses>\`
(\`--no-cache\`). "migra files" loads a.sql and b.sql into two new databases of the server and diffs
them (migra needs a server for both sides). "pgdrift live" is \`pgdrift plan <db a> <db b>\` (a new
process), verified on a PGlite shadow rebuilt from the model, on the server with \`--shadow\`, or not
verified (\`--no-verify\`, which is what migra does). migra is timed in this process ("in-process": no
start-up) and as its command line in a new process ("CLI", as a user runs it). The first pgdrift runs
and migra's command lines are the medians of three runs each, taken in turn; the other columns one run.
Beside migra's command line, pgdrift's first run takes ${ratio('cold', 'migraFilesCli')} of its time on files, and ${ratio('live', 'migraLiveCli')} between live databases
(${ratio('liveUnverified', 'migraLiveCli')} unverified, as migra).${EXTRA_CERTS.NODE_EXTRA_CA_CERTS ? " Both command lines run without this machine's NODE_EXTRA_CA_CERTS (see the replay cache)." : ''}

| pair | pgdrift files (first) | again | peak | on the server | migra files in-process | migra files CLI | pgdrift live | peak | on the server | --no-verify | migra live in-process | migra live CLI |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table.join('\n')}
| **median** | **${m('cold')}** | **${m('warm')}** | | **${m('onServer')}** | **${m('migraFiles')}** | **${m('migraFilesCli')}** | **${m('live')}** | | **${m('liveOnServer')}** | **${m('liveUnverified')}** | **${m('migraLive')}** | **${m('migraLiveCli')}** |
<!-- /migra -->
`;
}
