/** `pgdrift lint <migrations>`: replay diagnostics, ordering, duplicates and safety rules, at file:line:col. */
import { jsonDocument } from '../../report/json.js';
import { Command, Option } from 'commander';
import type { Severity } from '../../diff/types.js';
import { reaches } from '../../report/severity.js';
import { lintFolder, type LintOptions } from '../../lint/lint.js';
import { LINT_RULES } from '../../lint/rules/index.js';
import { useColor } from '../../report/color.js';
import { activeFindings, explainRule, makeLintReport, renderLintText, renderSarif } from '../../report/lint-report.js';
import { resolveSourceName } from '../../config/config.js';
import { UserError } from '../../errors.js';
import { displayPath } from '../../sources/migrations.js';
import { parseSourceSpec } from '../../sources/resolve.js';
import { checkRuleIds } from '../rule-ids.js';
import { addCommonOptions, failOnOption, Workspace, type CommonFlags } from '../options.js';
import { VERSION } from '../version.js';

interface LintFlags extends CommonFlags {
  format: 'text' | 'json' | 'sarif';
  failOn?: Severity;
  idempotent?: boolean;
  assumeInTransaction?: boolean;
  pgVersion?: number;
}

/** What lint is asked, from the flags and the config: the same for `lint`, `preflight`, `apply`'s preflight and the library. */
export function lintOptions(ws: Workspace, flags: Pick<LintFlags, 'shadow' | 'supabase' | 'idempotent' | 'assumeInTransaction' | 'pgVersion'>): LintOptions {
  return {
    shadow: flags.shadow ?? ws.config.shadow,
    supabase: flags.supabase ?? ws.config.supabase,
    idempotent: flags.idempotent,
    exposedSchemas: ws.config.audit.exposedSchemas,
    levels: ws.config.rules,
    timeouts: ws.timeouts,
    assumeInTransaction: flags.assumeInTransaction ?? ws.config.lint.assumeInTransaction,
    pgVersion: flags.pgVersion ?? ws.config.lint.pgVersion,
  };
}

function explain(id: string): void {
  const rule = LINT_RULES.find((r) => r.id === id);
  if (!rule) throw new UserError(`no lint rule ${id}: the rules are ${LINT_RULES.map((r) => r.id).join(', ')}`);
  process.stdout.write(explainRule(rule) + '\n');
}

function pgVersionOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 9) throw new UserError(`--pg-version takes a PostgreSQL major version (e.g. 15), not ${value}`);
  return Number(value);
}

export function lintCommand(): Command {
  const cmd = new Command('lint')
    .description('replay a migrations folder statement by statement and report what is wrong or unsafe, at file:line:col')
    .argument('[migrations]', 'a migrations folder (supabase/migrations, prisma/migrations, a folder of .sql), or a name from the config')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(failOnOption())
    .option('--idempotent', 'check that every file can run twice without failing or changing the schema')
    .option('--assume-in-transaction', 'each file runs in one transaction (the default for Supabase and Prisma folders, whose tools run them so)')
    .option('--no-assume-in-transaction', 'each file runs statement by statement, in its own transactions only')
    .option('--pg-version <major>', 'the PostgreSQL major version production runs (default: the shadow\'s)', pgVersionOption)
    .option('--explain <rule>', 'say what a rule checks, the lock the statement takes and what to do instead, and stop');
  return addCommonOptions(cmd).action(async (arg: string | undefined, flags: LintFlags & { explain?: string }) => {
    if (flags.explain) return explain(flags.explain);
    if (!arg) throw new UserError('lint takes a migrations folder: pgdrift lint supabase/migrations');
    const ws = await Workspace.open(flags);
    checkRuleIds(ws.config.rules, ws.config.file);
    const specs = resolveSourceName(ws.config, arg).specs;
    const spec = parseSourceSpec(specs[0]!);
    if (specs.length !== 1 || spec.kind !== 'migrations') throw new UserError(`lint takes one migrations folder; ${arg} is ${spec.kind === 'migrations' ? `${specs.length} sources` : `a ${spec.kind} source`}`);
    const result = await lintFolder(spec.path, lintOptions(ws, flags));
    const report = makeLintReport(displayPath(spec.path), result.files, result.findings);
    if (flags.format === 'json') process.stdout.write(jsonDocument('lint', report));
    else if (flags.format === 'sarif') process.stdout.write(renderSarif(report, LINT_RULES, VERSION));
    else process.stdout.write(renderLintText(report, useColor()));
    const failOn = ws.failOn(flags.failOn);
    if (reaches(activeFindings(result.findings), failOn)) process.exitCode = 1;
  });
}
