/** `pgdrift diff <from> <to>`: what must change to turn `from` into `to` (the source of truth). */
import { Command, Option } from 'commander';
import { diff } from '../../diff/diff.js';
import { applyIgnores } from '../../diff/ignore.js';
import { projectToTypes } from '../../sources/supabase-types.js';
import type { Change, Severity } from '../../diff/types.js';
import { splitForPrisma } from '../../diff/prisma-view.js';
import { useColor } from '../../report/color.js';
import { failsAt, jsonReport, makeReport, type DiffReport } from '../../report/diff-report.js';
import { renderDiffMarkdown } from '../../report/diff-markdown.js';
import { renderDiffText } from '../../report/diff-text.js';
import { addCommonOptions, failOnOption, Workspace, type CommonFlags, type NamedSource } from '../options.js';

export type DiffFormat = 'text' | 'json' | 'markdown';

interface DiffFlags extends CommonFlags {
  format: DiffFormat;
  failOn?: Severity;
}

/** Compare two loaded sources with the config's renames and ignore rules. */
export function compareSources(ws: Workspace, from: NamedSource, to: NamedSource): DiffReport {
  const renames = ws.config.renames;
  const skipKinds = [...(from.blindSpots ?? []), ...(to.blindSpots ?? [])];
  // Against a types file, compare only what such a file can say.
  const view = (s: NamedSource, other: NamedSource) => (other.typesOnly && !s.typesOnly ? projectToTypes(s.schema) : s.schema);
  let changes = diff(view(from, to), view(to, from), { renames, skipKinds });
  // Against a Prisma schema, what Prisma cannot express is listed apart.
  let notExpressible: Change[] = [];
  if (from.prisma !== to.prisma) {
    const [prisma, other] = from.prisma ? [from, to] : [to, from];
    ({ changes, notExpressible } = splitForPrisma(changes, prisma.schema, other.schema));
  }
  const names = [from.name, to.name].filter((n): n is string => Boolean(n));
  const split = applyIgnores(changes, ws.config.ignore, names);
  return makeReport(from.label, to.label, split.changes, split.intentional, notExpressible);
}

export function renderReport(report: DiffReport, format: DiffFormat): string {
  if (format === 'json') return jsonReport(report);
  if (format === 'markdown') return renderDiffMarkdown(report);
  return renderDiffText(report, useColor());
}

export function diffCommand(): Command {
  const cmd = new Command('diff')
    .description('list what must change to turn <from> into <to> (the source of truth), with severities')
    .argument('<from>', 'the current state: a source, or a source named in the config')
    .argument('<to>', 'the desired state (source of truth)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(failOnOption());
  return addCommonOptions(cmd).action(async (fromArg: string, toArg: string, flags: DiffFlags) => {
    const ws = await Workspace.open(flags);
    const [from, to] = await Promise.all([ws.loadOne(fromArg), ws.loadOne(toArg)]);
    const report = compareSources(ws, from, to);
    process.stdout.write(renderReport(report, flags.format));
    if (failsAt(report, ws.failOn(flags.failOn))) process.exitCode = 1;
  });
}
