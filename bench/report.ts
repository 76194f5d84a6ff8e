/**
 * `npm run bench -- report`: how long `pgdrift report` takes and how large its page is: the example
 * project (with its drift and lint), trigger.dev's 86 tables (from its 820 migrations, warm replay
 * cache) and a generated 300-table schema; and the diagram's layout (elkjs) alone for the last.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagramOf } from '../src/report/html/diagram.js';
import { layout } from '../src/report/html/layout.js';
import { loadSource } from '../src/sources/load.js';
import { syntheticSchemaSql } from '../test/helpers/report.js';
import { fmt, median, mem, pgdrift, type Run } from './process.js';

const TRIGGER = '../shared/corpus/prisma/trigger.dev/internal-packages/database/prisma/migrations';

export async function reportSection(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pgdrift-bench-report-'));
  try {
    const big = join(dir, 'schema300.sql');
    writeFileSync(big, syntheticSchemaSql(300));
    const app = 'examples/supabase-app';
    const cases: [string, string[]][] = [
      ['example project, `production.sql --against supabase/migrations` (drift, audit)', [`${app}/production.sql`, '--against', `${app}/supabase/migrations`, '--supabase', '--no-lint']],
      ['example project, `supabase/migrations` (audit and lint)', [`${app}/supabase/migrations`]],
      ['trigger.dev, 820 migrations, 86 tables (`--no-lint`)', [TRIGGER, '--no-lint']],
      ['generated, 300 tables in 3 schemas, 400 foreign keys', [big]],
    ];
    const rows: string[] = [];
    for (const [name, args] of cases) {
      const out = join(dir, 'report.html');
      const run = () => pgdrift(['report', ...args, '-o', out]);
      run(); // the replay cache filled
      const runs: Run[] = [run(), run(), run()];
      if (runs.some((r) => r.status !== 0)) throw new Error(`report ${args.join(' ')}: ${runs.find((r) => r.status)!.stderr}`);
      rows.push(`| ${name} | ${fmt(median(runs.map((r) => r.ms)))} | ${mem(runs[0]!)} | ${Math.round(statSync(out).size / 1024).toLocaleString('en')} KB |`);
    }
    const schema = (await loadSource({ kind: 'sql', path: big })).schema;
    const d = diagramOf(schema, [], new Map());
    const times: number[] = [];
    let shape = '';
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const l = await layout(d);
      times.push(performance.now() - t);
      shape = `${Math.round(l.width)} × ${Math.round(l.height)}`;
    }
    return `<!-- report -->
## The HTML report

\`pgdrift report\` end to end (a new process, median of 3 runs after one that fills the replay cache;
peak RSS), and the page's size:

| source | time | peak memory | page |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

The layout alone (elkjs, layered, in this process) of the 300-table diagram: ${fmt(median(times))}, ${shape} units.
<!-- /report -->
`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
