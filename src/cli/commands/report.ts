/**
 * `pgdrift report <source>`: one self-contained HTML file with the schema's diagram, its drift from
 * another source (`--against`) or in the config's comparisons (`--checks`), the RLS coverage matrix,
 * and the audit's and (for a migrations folder) the lint's findings.
 */
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { resolveSourceName } from '../../config/config.js';
import { UserError } from '../../errors.js';
import { lintFolder } from '../../lint/lint.js';
import { tableId } from '../../model/ident.js';
import type { TableDef } from '../../model/types.js';
import type { DiffReport } from '../../report/diff-report.js';
import { makeLintReport, type LintReport } from '../../report/lint-report.js';
import { displayPath } from '../../sources/migrations.js';
import { parseSourceSpec } from '../../sources/resolve.js';
import { addCommonOptions, Workspace, type CommonFlags, type NamedSource } from '../options.js';
import { VERSION } from '../version.js';
import { auditSource } from './audit.js';
import { compareSources } from './diff.js';
import { lintOptions } from './lint.js';

interface ReportFlags extends CommonFlags {
  against?: string;
  checks?: boolean;
  output: string;
  lint: boolean;
  exposed?: string[];
}

/** Tables `to` has and `from` lacks, as `to` defines them: the report draws them, dashed. */
function missingTables(report: DiffReport, to: NamedSource): TableDef[] {
  const ids = new Set(report.changes.filter((c) => c.kind === 'table' && c.action === 'missing').map((c) => c.object));
  return to.schema.tables.filter((t) => ids.has(tableId(t)));
}

export function reportCommand(): Command {
  const cmd = new Command('report')
    .description('write one self-contained HTML report: the schema\'s diagram, drift, RLS coverage and findings')
    .argument('<source>', 'a live database, migrations folder, SQL file, snapshot, or a source named in the config')
    .option('--against <source>', 'compare with this source (the source of truth) and mark what drifted')
    .option('--checks', 'include the comparisons the config\'s "check" list declares (as pgdrift check runs them)')
    .option('-o, --output <file>', 'where to write the report ("-" for stdout)', 'pgdrift-report.html')
    .option('--no-lint', 'leave out the lint of a migrations folder (it replays the folder statement by statement)')
    .option('--exposed <schema...>', 'schemas the API exposes (default: public, or audit.exposedSchemas in the config)');
  return addCommonOptions(cmd).action(async (arg: string, flags: ReportFlags) => {
    const ws = await Workspace.open(flags);
    if (flags.checks && !ws.config.check.length) throw new UserError(`${ws.config.file ?? 'no config file found'}: --checks needs comparisons in a "check" list (from, to)`);
    const source = await ws.loadOne(arg);
    const drift: DiffReport[] = [];
    const missing: TableDef[] = [];
    const compare = async (from: NamedSource, toArg: string) => {
      const to = await ws.loadOne(toArg);
      const report = compareSources(ws, from, to);
      drift.push(report);
      if (from === source) missing.push(...missingTables(report, to).filter((t) => !missing.some((m) => tableId(m) === tableId(t))));
    };
    if (flags.against) await compare(source, flags.against);
    if (flags.checks) {
      for (const entry of ws.config.check) {
        for (const from of await ws.loadAll(entry.from)) await compare(entry.from === arg ? source : from, entry.to);
      }
    }
    const spec = parseSourceSpec(resolveSourceName(ws.config, arg).specs[0]!);
    let lint: LintReport | undefined;
    if (flags.lint && spec.kind === 'migrations') {
      const linted = await lintFolder(spec.path, lintOptions(ws, flags));
      lint = makeLintReport(displayPath(spec.path), linted.files, linted.findings);
    }
    const { renderReportPage } = await import('../../report/html/page.js');
    const html = await renderReportPage({
      source: source.label,
      schema: source.schema,
      missing,
      drift,
      audit: await auditSource(ws, arg, source, { exposedSchemas: flags.exposed, supabase: flags.supabase }),
      ...(lint ? { lint } : {}),
      version: VERSION,
      generated: new Date(),
    });
    if (flags.output === '-') process.stdout.write(html);
    else {
      await writeFile(flags.output, html);
      process.stderr.write(`pgdrift: wrote ${flags.output} (${source.schema.tables.filter((t) => !t.platform).length} tables${drift.length ? `, ${drift.reduce((n, r) => n + r.changes.length, 0)} drift changes` : ''})\n`);
    }
  });
}
