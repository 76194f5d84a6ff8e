/** `pgdrift lint <migrations>`: replay diagnostics, ordering, duplicates and safety rules, at file:line:col. */
import { Command, Option } from 'commander';
import type { Severity } from '../../diff/types.js';
import { reaches } from '../../report/severity.js';
import { lintFolder } from '../../lint/lint.js';
import { LINT_RULES } from '../../lint/rules/index.js';
import { useColor } from '../../report/color.js';
import { makeLintReport, renderLintText, renderSarif } from '../../report/lint-report.js';
import { resolveSourceName } from '../../config/config.js';
import { UserError } from '../../errors.js';
import { displayPath } from '../../sources/migrations.js';
import { parseSourceSpec } from '../../sources/resolve.js';
import { addCommonOptions, failOnOption, Workspace, type CommonFlags } from '../options.js';
import { VERSION } from '../version.js';

interface LintFlags extends CommonFlags {
  format: 'text' | 'json' | 'sarif';
  failOn?: Severity;
  idempotent?: boolean;
}

export function lintCommand(): Command {
  const cmd = new Command('lint')
    .description('replay a migrations folder statement by statement and report what is wrong or unsafe, at file:line:col')
    .argument('<migrations>', 'a migrations folder (supabase/migrations, prisma/migrations, a folder of .sql), or a name from the config')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(failOnOption())
    .option('--idempotent', 'check that every file can run twice without failing or changing the schema');
  return addCommonOptions(cmd).action(async (arg: string, flags: LintFlags) => {
    const ws = await Workspace.open(flags);
    const specs = resolveSourceName(ws.config, arg).specs;
    const spec = parseSourceSpec(specs[0]!);
    if (specs.length !== 1 || spec.kind !== 'migrations') throw new UserError(`lint takes one migrations folder; ${arg} is ${spec.kind === 'migrations' ? `${specs.length} sources` : `a ${spec.kind} source`}`);
    const result = await lintFolder(spec.path, {
      shadow: flags.shadow ?? ws.config.shadow,
      supabase: flags.supabase ?? ws.config.supabase,
      idempotent: flags.idempotent,
      exposedSchemas: ws.config.audit.exposedSchemas,
      levels: ws.config.rules,
      timeouts: ws.timeouts,
    });
    const report = makeLintReport(displayPath(spec.path), result.files, result.findings);
    if (flags.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else if (flags.format === 'sarif') process.stdout.write(renderSarif(report, LINT_RULES, VERSION));
    else process.stdout.write(renderLintText(report, useColor()));
    const failOn = ws.failOn(flags.failOn);
    if (reaches(result.findings, failOn)) process.exitCode = 1;
  });
}
