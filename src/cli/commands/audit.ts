/** `pgdrift audit <source>`: what protects the data — RLS, policies, tenant isolation, security definer functions, views. */
import { jsonDocument } from '../../report/json.js';
import { Command, Option } from 'commander';
import { audit, sortFindings } from '../../audit/audit.js';
import { auditLive } from '../../audit/live.js';
import { resolveSourceName } from '../../config/config.js';
import { parseSourceSpec } from '../../sources/resolve.js';
import { coverage, coverageRoles } from '../../audit/coverage.js';
import { exposedTables } from '../../audit/rules/scope.js';
import { DEFAULT_AUDIT_OPTIONS, type AuditOptions } from '../../audit/types.js';
import type { Severity } from '../../diff/types.js';
import { reaches } from '../../report/severity.js';
import { renderAuditMarkdown, renderAuditText, makeAuditReport, type AuditReport } from '../../report/audit-report.js';
import type { LoadedSource } from '../../sources/load.js';
import { useColor } from '../../report/color.js';
import { checkRuleIds } from '../rule-ids.js';
import { addCommonOptions, failOnOption, Workspace, type CommonFlags } from '../options.js';

interface AuditFlags extends CommonFlags {
  format: 'text' | 'json' | 'markdown';
  failOn?: Severity;
  exposed?: string[];
}

/** The audit's options: the defaults, then the config's, then what the caller sets (the command line's --exposed, the library's options). */
export function auditOptions(ws: Workspace, overrides: Partial<AuditOptions> = {}): AuditOptions {
  const configured = Object.fromEntries(Object.entries(ws.config.audit).filter(([, v]) => v !== undefined)) as Partial<AuditOptions>;
  const set = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<AuditOptions>;
  return { ...DEFAULT_AUDIT_OPTIONS, ...configured, ...set };
}

/** The audit of a loaded source, with a live database's own checks when it is one (statistics, data, settings). */
export async function auditSource(ws: Workspace, arg: string, source: LoadedSource, flags: { exposedSchemas?: string[]; supabase?: boolean }): Promise<AuditReport> {
  const options = auditOptions(ws, { exposedSchemas: flags.exposedSchemas });
  const spec = resolveSourceName(ws.config, arg).specs.map(parseSourceSpec)[0];
  const live = spec?.kind === 'live' ? await auditLive(spec.url, options, ws.config.rules, ws.timeouts) : undefined;
  // A Supabase project has pg_graphql from its image.
  options.graphql = live?.graphql ?? (source.layout === 'supabase' || Boolean(flags.supabase ?? ws.config.supabase));
  const findings = sortFindings([...audit(source.schema, options, ws.config.rules), ...(live?.findings ?? [])]);
  const matrix = coverage(exposedTables(source.schema, options), coverageRoles(source.schema, options.roles));
  return makeAuditReport(source.label, findings, matrix);
}

export function auditCommand(): Command {
  const cmd = new Command('audit')
    .description('check row level security, policies, tenant isolation and other protections of a source')
    .argument('<source>', 'a live database, migrations folder, SQL file, snapshot, or a source named in the config')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(failOnOption())
    .option('--exposed <schema...>', 'schemas the API exposes (default: public, or audit.exposedSchemas in the config)');
  return addCommonOptions(cmd).action(async (arg: string, flags: AuditFlags) => {
    const ws = await Workspace.open(flags);
    checkRuleIds(ws.config.rules, ws.config.file);
    const report = await auditSource(ws, arg, await ws.loadOne(arg), { exposedSchemas: flags.exposed, supabase: flags.supabase });
    process.stdout.write(
      flags.format === 'json' ? jsonDocument('audit', report) : flags.format === 'markdown' ? renderAuditMarkdown(report) : renderAuditText(report, useColor()),
    );
    const failOn = ws.failOn(flags.failOn);
    if (reaches(report.findings, failOn)) process.exitCode = 1;
  });
}
