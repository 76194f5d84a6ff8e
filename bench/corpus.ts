/**
 * The real-project part of `npm run bench`: for each Prisma project in ../shared/corpus, the time to read
 * its schema through Prisma's engine (engine, replay into PGlite, inspection) and to replay its
 * migrations folder, each as a user runs it (`pgdrift inspect … --summary`, a new process, warm
 * base-image cache), median of 3, with the process's peak memory when /usr/bin/time is there.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, median, mem, pgdrift } from './process.js';

const CORPUS = join('..', 'shared', 'corpus', 'prisma');
const PROJECTS: [string, string][] = [
  ['umami', 'umami/prisma'],
  ['hoppscotch', 'hoppscotch/packages/hoppscotch-backend/prisma'],
  ['langfuse', 'langfuse/packages/shared/prisma'],
  ['trigger.dev', 'trigger.dev/internal-packages/database/prisma'],
  ['trigger.dev run-ops', 'trigger.dev/internal-packages/run-ops-database/prisma'],
];

/** Median wall time and the largest peak RSS of 3 runs of `pgdrift inspect <source> --summary` (a folder replayed in full: `--no-cache`). */
function run(source: string, extra: string[] = []): { ms: number; mb?: number } {
  const once = () => {
    const r = pgdrift(['inspect', source, '--summary', ...extra]);
    if (r.status !== 0) throw new Error(`pgdrift inspect ${source}: ${r.stderr}`);
    return r;
  };
  once(); // warms the base-image cache
  const runs = Array.from({ length: 3 }, once);
  const mbs = runs.map((r) => r.mb).filter((x): x is number => x !== undefined);
  return { ms: median(runs.map((r) => r.ms)), ...(mbs.length ? { mb: Math.max(...mbs) } : {}) };
}

export function corpusSection(): string {
  const rows: string[] = [];
  for (const [name, dir] of PROJECTS) {
    const root = join(CORPUS, dir);
    if (!existsSync(root)) continue;
    process.stderr.write(`corpus: ${name}…\n`);
    const migrations = readdirSync(join(root, 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    const schema = run(join(root, 'schema.prisma'));
    const folder = run(join(root, 'migrations'), ['--no-cache']);
    rows.push(`| ${name} | ${fmt(schema.ms)} | ${mem(schema)} | ${migrations} | ${fmt(folder.ms)} | ${mem(folder)} |`);
  }
  return `<!-- corpus -->
## Real Prisma projects

Each Prisma project in \`shared/corpus/prisma\`, run as a user runs it (\`pgdrift inspect <source> --summary\`,
a new process each time, warm base-image cache), median of 3. "schema" is the Prisma schema read through
Prisma's schema engine (wasm: the SQL Prisma means), replayed into PGlite and inspected; "migrations" replays
the project's migrations folder in Prisma's order, every file (\`--no-cache\`). Peak memory is the process's maximum RSS.

| project | schema | peak memory | migrations | replay | peak memory |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
<!-- /corpus -->
`;
}
