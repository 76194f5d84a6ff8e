/**
 * `pgdrift diff --format markdown`: a drift document to paste in a pull request — a summary table,
 * then every affected table with what is missing, extra or different and why it matters.
 */
import type { ChangeAction } from '../diff/types.js';
import { groupByTable, summaryLine, type DiffReport } from './diff-report.js';

const ACTIONS: ChangeAction[] = ['missing', 'extra', 'different', 'rename'];
const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderDiffMarkdown(report: DiffReport): string {
  const out = [`## Schema drift: \`${report.from}\` → \`${report.to}\``, '', summaryLine(report), ''];
  if (!report.changes.length) {
    out.push('No drift: the two schemas agree.', '');
  } else {
    const kinds = [...new Set(report.changes.map((c) => c.kind))];
    out.push(`| kind | ${ACTIONS.join(' | ')} |`, `| --- | ${ACTIONS.map(() => '---:').join(' | ')} |`);
    for (const kind of kinds) {
      const counts = ACTIONS.map((a) => report.changes.filter((c) => c.kind === kind && c.action === a).length);
      out.push(`| ${kind} | ${counts.join(' | ')} |`);
    }
    out.push('');
    for (const [table, changes] of groupByTable(report.changes)) {
      out.push(`### ${table ? `\`${table}\`` : 'Schema objects'}`, '');
      for (const c of changes) out.push(`- **${c.severity}** — ${cell(c.message)}${c.why ? ` _${cell(c.why)}_` : ''}`);
      out.push('');
    }
  }
  if (report.notExpressible.length) {
    out.push('### Not expressible in Prisma (info, not drift)', '');
    for (const c of report.notExpressible) out.push(`- ${cell(c.message)}`);
    out.push('');
  }
  if (report.intentional.length) {
    out.push('### Intentional differences', '', '| object | difference | reason |', '| --- | --- | --- |');
    for (const c of report.intentional) out.push(`| \`${cell(c.object)}\` | ${cell(c.message)} | ${cell(c.reason)} |`);
    out.push('');
  }
  return out.join('\n');
}
