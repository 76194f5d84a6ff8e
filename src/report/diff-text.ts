/** `pgdrift diff` as text: grouped by table, most severe first, colored on a terminal. */
import { paint, severityColor } from './color.js';
import { groupByTable, summaryLine, type DiffReport } from './diff-report.js';

const MARK = { error: '✗', warning: '!', info: '·' } as const;

export function renderDiffText(report: DiffReport, color: boolean): string {
  const out = [`${paint(color, 'bold', 'pgdrift diff')} ${report.from} → ${report.to}`, summaryLine(report)];
  if (!report.changes.length) out.push('', paint(color, 'green', 'no drift'));
  for (const [table, changes] of groupByTable(report.changes)) {
    out.push('', paint(color, 'bold', table ?? 'schema objects'));
    for (const c of changes) {
      out.push(`  ${paint(color, severityColor(c.severity), `${MARK[c.severity]} ${c.severity.padEnd(7)}`)} ${c.message}`);
    }
  }
  if (report.notExpressible.length) {
    out.push('', paint(color, 'bold', 'not expressible in Prisma (info, not drift)'));
    for (const c of report.notExpressible) out.push(`  ${paint(color, 'dim', '·')} ${c.message}`);
  }
  if (report.intentional.length) {
    out.push('', paint(color, 'bold', 'intentional (declared in the config)'));
    for (const c of report.intentional) out.push(`  ${paint(color, 'dim', '~')} ${c.message} — ${c.reason}`);
  }
  return out.join('\n') + '\n';
}
