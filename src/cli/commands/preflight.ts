/**
 * `pgdrift preflight <migrations> <database>`: the database's pending migrations tried on a shadow copy
 * of its schema, every failure at its file and line with the lint findings, then the drift that would
 * remain between the database after them and the folder.
 */
import { jsonDocument } from '../../report/json.js';
import { Command, Option } from 'commander';
import { UserError } from '../../errors.js';
import { preflight } from '../../history/preflight.js';
import type { Severity } from '../../diff/types.js';
import { useColor, paint } from '../../report/color.js';
import { failsAt, type DiffReport } from '../../report/diff-report.js';
import { activeFindings, makeLintReport, renderLintText, type LintReport } from '../../report/lint-report.js';
import { reaches } from '../../report/severity.js';
import { renderStatusText, makeStatusReport, type StatusReport } from '../../report/status-report.js';
import { displayPath, findMigrations } from '../../sources/migrations.js';
import { maskUrl } from '../../sources/url.js';
import { EXIT } from '../exit.js';
import { checkRuleIds } from '../rule-ids.js';
import { addCommonOptions, failOnOption, oneSource, Workspace, type CommonFlags } from '../options.js';
import { compareSources, renderReport } from './diff.js';
import { lintOptions } from './lint.js';

interface PreflightFlags extends CommonFlags {
  format: 'text' | 'json';
  failOn?: Severity;
}

interface PreflightReport {
  status: StatusReport;
  /** The files tried on the shadow, in the order the tool runs them. */
  tried: string[];
  lint: LintReport;
  /** The database after them against the folder: what would still differ (unless the folder does not replay). */
  drift: DiffReport | { unavailable: string };
}

function renderText(r: PreflightReport, color: boolean): string {
  const out = [renderStatusText(r.status, color)];
  out.push(r.tried.length ? `${paint(color, 'bold', `${r.tried.length} migration${r.tried.length === 1 ? '' : 's'} to run`)}, tried on a shadow copy of the database's schema:` : paint(color, 'bold', 'nothing to run'));
  if (r.tried.length) out.push(renderLintText(r.lint, color));
  out.push(paint(color, 'bold', 'after them, the database against the folder:'), 'unavailable' in r.drift ? `${r.drift.unavailable}\n` : renderReport(r.drift, 'text'));
  return out.join('\n');
}

export function preflightCommand(): Command {
  const cmd = new Command('preflight')
    .description('try a database\'s pending migrations on a shadow copy of its schema (the database is only read): every failure at file:line, then the drift that would remain')
    .argument('<migrations>', 'a migrations folder, or a source named in the config')
    .argument('<database>', 'a postgres:// URL, or a source named in the config')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(failOnOption());
  return addCommonOptions(cmd).action(async (migrationsArg: string, databaseArg: string, flags: PreflightFlags) => {
    const ws = await Workspace.open(flags);
    checkRuleIds(ws.config.rules, ws.config.file);
    const { path } = oneSource(ws.config, migrationsArg, 'migrations', 'a migrations folder');
    const { url } = oneSource(ws.config, databaseArg, 'live', 'a database (postgres://…)');
    const folder = findMigrations(path);
    const [result, expected] = await Promise.all([
      preflight(folder, url, { ...lintOptions(ws, flags), scope: ws.scope }),
      // The folder as a whole, for the drift after: when it does not replay, the lint findings say why.
      ws.loadOne(migrationsArg).catch((e: unknown) => {
        if (e instanceof UserError) return e;
        throw e;
      }),
    ]);
    const database = maskUrl(url);
    const report: PreflightReport = {
      status: makeStatusReport(displayPath(folder.dir), database, result.history, result.status),
      tried: result.tried,
      lint: makeLintReport(displayPath(folder.dir), result.tried.length, result.lint.findings),
      drift: expected instanceof UserError ? { unavailable: `the folder does not replay (${expected.message}), so there is no state to compare with` } : compareSources(ws, { schema: result.after, label: `${database} after them` }, expected),
    };
    process.stdout.write(flags.format === 'json' ? jsonDocument('preflight', report) : renderText(report, useColor()));
    const failOn = ws.failOn(flags.failOn);
    const drifted = 'unavailable' in report.drift || failsAt(report.drift, failOn);
    if (reaches(activeFindings(result.lint.findings), failOn) || drifted) process.exitCode = EXIT.findings;
  });
}
