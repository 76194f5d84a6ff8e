/**
 * `pgdrift check`: the CI gate. Runs every comparison the config declares (a source that names a
 * list, such as tenants, is compared entry by entry) and exits 1 on drift at or above --fail-on.
 */
import { jsonDocument } from '../../report/json.js';
import { Command, Option } from 'commander';
import { UserError } from '../../errors.js';
import type { Severity } from '../../diff/types.js';
import { failsAt, summaryLine, type DiffReport } from '../../report/diff-report.js';
import { addCommonOptions, failOnOption, Workspace, type CommonFlags } from '../options.js';
import { compareSources, renderReport, type DiffFormat } from './diff.js';
import { errorText, EXIT } from '../exit.js';

interface CheckFlags extends CommonFlags {
  format: DiffFormat;
  failOn?: Severity;
}

export function checkCommand(): Command {
  const cmd = new Command('check')
    .description('run the comparisons the config declares; exit 1 on drift at or above --fail-on (the CI gate)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(failOnOption());
  return addCommonOptions(cmd).action(async (flags: CheckFlags) => {
    const ws = await Workspace.open(flags);
    if (!ws.config.check.length) {
      throw new UserError(`${ws.config.file ?? 'no config file found'}: declare the comparisons to run in a "check" list (from, to)`);
    }
    const results: { report: DiffReport; failOn: Severity }[] = [];
    const unreachable: { source: string; error: string }[] = [];
    for (const entry of ws.config.check) {
      const tos = await ws.loadAll(entry.to);
      if (tos.length !== 1) throw new UserError(`check: "to" must be one source (the source of truth), but ${entry.to} names ${tos.length}`);
      // One unreachable tenant does not hide the others: each is compared or listed as not compared.
      for (const from of await ws.loadEach(entry.from)) {
        if ('error' in from) unreachable.push({ source: from.label, error: errorText(from.error) });
        else results.push({ report: compareSources(ws, from, tos[0]!), failOn: ws.failOn(flags.failOn ?? entry.failOn) });
      }
    }
    const failed = results.filter((r) => failsAt(r.report, r.failOn));
    if (flags.format === 'json') {
      const comparisons = results.map((r) => ({ ...r.report, failOn: r.failOn, failed: failsAt(r.report, r.failOn) }));
      process.stdout.write(jsonDocument('check', { ok: failed.length === 0 && unreachable.length === 0, comparisons, unreachable }));
    } else {
      process.stdout.write(results.map((r) => renderReport(r.report, flags.format)).join('\n'));
      const verdicts = results.map((r) => `${failsAt(r.report, r.failOn) ? 'FAIL' : 'ok  '} ${r.report.from} → ${r.report.to}: ${summaryLine(r.report)}`);
      verdicts.push(...unreachable.map((u) => `n/a  ${u.source}: not compared: ${u.error}`));
      const total = results.length + unreachable.length;
      const verdict = failed.length || unreachable.length
        ? [failed.length ? `${failed.length} of ${total} comparisons drifted` : '', unreachable.length ? `${unreachable.length} of ${total} could not be compared` : ''].filter(Boolean).join('; ')
        : `all ${total} comparisons agree`;
      process.stdout.write(`\n${verdicts.join('\n')}\n${verdict}\n`);
    }
    // A source that could not be reached is the same failure as bad input: exit 2, after every report.
    if (unreachable.length) process.exitCode = EXIT.badInput;
    else if (failed.length) process.exitCode = 1;
  });
}
