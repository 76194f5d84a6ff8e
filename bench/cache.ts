/**
 * The replay cache in `npm run bench`: for real migrations folders of ../shared/corpus (820 Prisma
 * migrations of trigger.dev among them), `pgdrift inspect <folder> --summary` as a user runs it:
 * cold (`--no-cache`, warm base image), unchanged (the model from the cache), and with one new
 * migration added to the folder (replayed on the cached state of the rest), each with its peak memory.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTRA_CERTS, fmt, median, mem, pgdrift, startNote, type Run } from './process.js';

const CORPUS = join('..', 'shared', 'corpus');
export const FOLDERS: [string, string, 'prisma' | 'supabase' | 'plain'][] = [
  ['trigger.dev (Prisma)', join(CORPUS, 'prisma/trigger.dev/internal-packages/database/prisma/migrations'), 'prisma'],
  ['langfuse (Prisma)', join(CORPUS, 'prisma/langfuse/packages/shared/prisma/migrations'), 'prisma'],
  ['quivr (Supabase)', join(CORPUS, 'supabase/quivr/backend/supabase/migrations'), 'supabase'],
  ['example project (Supabase)', 'examples/supabase-app/supabase/migrations', 'supabase'],
];

function inspect(dir: string, cacheDir: string, extra: string[] = [], env: Record<string, string> = {}): Run {
  const r = pgdrift(['inspect', dir, '--summary', ...extra], { PGDRIFT_CACHE_DIR: cacheDir, ...env });
  if (r.status !== 0) throw new Error(`pgdrift inspect ${dir}: ${r.stderr}`);
  return r;
}

/** Build the plain and the Supabase base image into `baseCache` (where missing), which each folder's cache starts from. */
function warmBaseImages(baseCache: string): void {
  const work = mkdtempSync(join(tmpdir(), 'pgdrift-bench-'));
  try {
    const file = join(work, 'warm.sql');
    writeFileSync(file, 'create table warm (id int);\n');
    for (const base of [['--no-supabase'], ['--supabase']]) inspect(file, baseCache, ['--no-cache', ...base]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Add the n-th new migration as the folder's tool names them. */
function addMigration(dir: string, layout: 'prisma' | 'supabase' | 'plain', n: number): void {
  const sql = `create table bench_new_${n} (id bigint primary key, note text);\n`;
  if (layout === 'prisma') {
    mkdirSync(join(dir, `29990101000${String(n).padStart(3, '0')}_bench_${n}`));
    writeFileSync(join(dir, `29990101000${String(n).padStart(3, '0')}_bench_${n}`, 'migration.sql'), sql);
  } else writeFileSync(join(dir, `29990101000${String(n).padStart(3, '0')}_bench_${n}.sql`), sql);
}

/** Where a run's time went, from its PGDRIFT_TRACE lines: each phase and how long it took. */
function phases(stderr: string, total: number): string {
  const marks = [...stderr.matchAll(/^pgdrift: trace: (\d+) ms: (.*)$/gm)].map((m) => ({ at: Number(m[1]), what: m[2]! }));
  const rows = marks.map((m, i) => `| ${i ? marks[i - 1]!.what : 'process start'} → ${m.what} | ${fmt(m.at - (i ? marks[i - 1]!.at : 0))} |`);
  rows.push(`| ${marks.at(-1)?.what ?? 'start'} → the process ends (report, cache writes, shadow closed) | ${fmt(total - (marks.at(-1)?.at ?? 0))} |`);
  return rows.join('\n');
}

/** The section; `beside` is said after the table (Prisma's own engine on the largest folder). */
export function cacheSection(baseCache: string, beside = ''): string {
  const rows: string[] = [];
  const withCerts: string[] = [];
  let profile = '';
  warmBaseImages(baseCache);
  for (const [name, path, layout] of FOLDERS) {
    const source = path;
    if (!existsSync(source)) continue;
    process.stderr.write(`cache: ${name}…\n`);
    const work = mkdtempSync(join(tmpdir(), 'pgdrift-bench-'));
    try {
      // The folder keeps its layout's path (supabase/migrations, prisma/migrations) so that it is read the same way.
      const dir = join(work, layout === 'supabase' ? 'supabase/migrations' : layout === 'prisma' ? 'prisma/migrations' : 'migrations');
      cpSync(source, dir, { recursive: true });
      // A cache of its own for each folder, with the base images already built.
      const cache = join(work, 'cache');
      cpSync(baseCache, cache, { recursive: true, filter: (p) => !p.includes('/replay') });
      const files = readdirSync(dir).length;
      const cold = inspect(dir, cache, ['--no-cache']);
      if (!profile) {
        const traced = inspect(dir, cache, ['--no-cache'], { PGDRIFT_TRACE: '1' });
        profile = `Where the time of the cold replay of ${name} (${files} files) goes (\`PGDRIFT_TRACE=1\`, one run of ${fmt(traced.ms)}):\n\n| phase | time |\n| --- | ---: |\n${phases(traced.stderr, traced.ms)}\n`;
      }
      inspect(dir, cache);
      const unchanged = [0, 1, 2].map(() => inspect(dir, cache));
      if (EXTRA_CERTS.NODE_EXTRA_CA_CERTS) withCerts.push(`${name} ${fmt(median([0, 1, 2].map(() => inspect(dir, cache, [], EXTRA_CERTS).ms)))}`);
      const added = [1, 2, 3].map((n) => {
        addMigration(dir, layout, n);
        return inspect(dir, cache);
      });
      // Commands say only what the cache spared: silence is a full replay (no state was worth keeping).
      const note = /replayed \d+ of \d+ files, \d+ from cache/.exec(added.at(-1)!.stderr)?.[0] ?? '(nothing: every file replayed, quicker than a saved state)';
      const u = median(unchanged.map((r) => r.ms));
      const a = median(added.map((r) => r.ms));
      const peak = (runs: Run[]) => ({ mb: Math.max(...runs.map((r) => r.mb ?? 0)) || undefined });
      rows.push(`| ${name} | ${files} | ${fmt(cold.ms)} | ${mem(cold)} | ${fmt(u)} | ${mem(peak(unchanged))} | ${Math.round(cold.ms / u)}× | ${fmt(a)} | ${mem(peak(added))} | ${note} |`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return `<!-- cache -->
## The replay cache

\`pgdrift inspect <folder> --summary\` in a new process each time, warm base-image cache. "cold" replays
every file (\`--no-cache\`); "unchanged" answers from the cached model (median of 3); "one new" adds a
migration to the folder each time (three runs, one more file each) and replays what the cached state
of the rest does not hold (median of 3, with what the command said on the last). A state is saved only
where the replay up to it took 250 ms or more (\`PGDRIFT_CACHE_SAVE_MS\`): the quick new migrations are
replayed again on the state saved before them instead of each costing a dump. Peak memory is the
process's maximum RSS.

| folder | files | cold | peak | unchanged | peak | cold ÷ unchanged | one new | peak | said |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

${withCerts.length ? `${startNote(`with it, the unchanged folders answer in: ${withCerts.join(', ')} (median of 3).`)}\n\n` : ''}${beside ? `${beside}\n` : ''}${profile}<!-- /cache -->
`;
}
