/**
 * `pgdrift plan` beside @pgkit/migra (the TypeScript port of migra) on the same input, in `npm run bench`:
 * - two small .sql files (migra's own test pairs): pgdrift replays both into its shadow, plans and
 *   verifies the plan, in a new process (first run: `--no-cache`; again: from the replay cache); migra
 *   needs them in a server, so its time is loading both into two databases and diffing them;
 * - two live databases (the same pairs, loaded): `pgdrift plan <a> <b>` (a new process) against
 *   migra's diff of the two.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { run as migra } from '@pgkit/migra';
import type { RunningServer } from '../src/shadow/embedded.js';
import { freshDatabase } from './db.js';
import { fmt, median, mem, pgdrift } from './process.js';

const PAIRS_DIR = join('..', 'shared', 'conformance', 'migra');
const PAIRS = ['columns', 'constraints', 'dependencies', 'functions', 'triggers'];

export async function migraSection(server: RunningServer): Promise<string> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  // migra's own test setup creates this role before its cases.
  await admin.query("do $$ begin create role schemainspect_test_role; exception when duplicate_object then null; end $$");
  await admin.end();
  const rows: { name: string; cold: number; warm: number; peak?: number; onServer: number; migraFiles: number; live: number; livePeak?: number; liveOnServer: number; migraLive: number }[] = [];
  const available = new Set(readdirSync(PAIRS_DIR));
  for (const name of PAIRS.filter((p) => available.has(p))) {
    process.stderr.write(`plan vs migra: ${name}…\n`);
    const a = join(PAIRS_DIR, name, 'a.sql');
    const b = join(PAIRS_DIR, name, 'b.sql');
    const args = ['plan', a, b, '--allow-destructive', '--allow-unplanned', '--role', 'schemainspect_test_role'];
    const cold = pgdrift([...args, '--no-cache']);
    pgdrift(args);
    const warm = pgdrift(args);
    // The same server migra uses, as pgdrift's shadow: both sides replayed there, and the plan verified there.
    const onServer = pgdrift([...args, '--no-cache', '--shadow', server.url]);
    let t = performance.now();
    const [ua, ub] = [await freshDatabase(server, `bench_a_${name}`, readFileSync(a, 'utf8')), await freshDatabase(server, `bench_b_${name}`, readFileSync(b, 'utf8'))];
    await migra(ua, ub, { unsafe: true });
    const migraFiles = performance.now() - t;
    t = performance.now();
    await migra(ua, ub, { unsafe: true });
    const migraLive = performance.now() - t;
    const liveArgs = ['plan', ua, ub, '--allow-destructive', '--allow-unplanned', '--role', 'schemainspect_test_role'];
    const live = pgdrift(liveArgs);
    const liveOnServer = pgdrift([...liveArgs, '--shadow', server.url]);
    for (const r of [cold, warm, onServer, live, liveOnServer]) if (r.status !== 0) throw new Error(`pgdrift plan (${name}): ${r.stderr}`);
    rows.push({ name, cold: cold.ms, warm: warm.ms, ...(cold.mb ? { peak: cold.mb } : {}), onServer: onServer.ms, migraFiles, live: live.ms, ...(live.mb ? { livePeak: live.mb } : {}), liveOnServer: liveOnServer.ms, migraLive });
  }
  const table = rows.map((r) => `| ${r.name} | ${fmt(r.cold)} | ${fmt(r.warm)} | ${mem({ mb: r.peak })} | ${fmt(r.onServer)} | ${fmt(r.migraFiles)} | ${fmt(r.live)} | ${mem({ mb: r.livePeak })} | ${fmt(r.liveOnServer)} | ${fmt(r.migraLive)} |`);
  const m = (k: keyof (typeof rows)[number]) => fmt(median(rows.map((r) => r[k] as number)));
  return `<!-- migra -->
## Plan beside migra

On migra's own test pairs (\`shared/conformance/migra\`), PostgreSQL ${server.version}. "pgdrift files" is
\`pgdrift plan a.sql b.sql\` in a new process, with its verification on the shadow: first run
(\`--no-cache\`) and again (from the replay cache), on its default PGlite shadow (nothing to install);
"on the server" is the same with \`--shadow <the server migra uses>\` (\`--no-cache\`). "migra files"
loads a.sql and b.sql into two databases of the server and diffs them with @pgkit/migra (migra needs a
server for both sides). "pgdrift live" is \`pgdrift plan <db a> <db b>\` (a new process, verified on a
PGlite shadow rebuilt from the model, or on the server with \`--shadow\`), "migra live" @pgkit/migra's
diff of the same two databases (in-process: no process start, no verification).

| pair | pgdrift files (first) | again | peak | on the server | migra files | pgdrift live | peak | on the server | migra live |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table.join('\n')}
| **median** | **${m('cold')}** | **${m('warm')}** | | **${m('onServer')}** | **${m('migraFiles')}** | **${m('live')}** | | **${m('liveOnServer')}** | **${m('migraLive')}** |
<!-- /migra -->
`;
}
