/** `pgdrift audit` output: findings and the coverage matrix, as text, JSON and Markdown. */
import type { Finding } from '../audit/types.js';
import { describeReach, type TableCoverage } from '../audit/coverage.js';
import { COMMANDS } from '../audit/policies.js';
import { countSeverities, countsLine, type SeverityCounts } from './severity.js';
import { paint, severityColor } from './color.js';
import { textTable } from './table.js';
import { printable } from '../model/ident.js';

export interface AuditReport {
  source: string;
  summary: SeverityCounts;
  findings: Finding[];
  coverage: TableCoverage[];
}

export function makeAuditReport(source: string, findings: Finding[], coverage: TableCoverage[]): AuditReport {
  return { source, summary: countSeverities(findings), findings, coverage };
}

const summaryText = (r: AuditReport) => countsLine(r.summary);
const HEADER = ['role', ...COMMANDS.map((c) => c.toUpperCase())];

function matrixRows(c: TableCoverage): string[][] {
  return Object.entries(c.roles).map(([role, reach]) => [printable(role), ...COMMANDS.map((cmd) => describeReach(reach[cmd]))]);
}

export function renderAuditText(r: AuditReport, color: boolean): string {
  const out = [`${paint(color, 'bold', 'pgdrift audit')} ${r.source}`, summaryText(r), ''];
  for (const f of r.findings) {
    out.push(`${paint(color, severityColor(f.severity), f.severity.padEnd(7))} ${paint(color, 'dim', `[${f.rule}]`)} ${f.message}`);
    if (f.hint) out.push(`        hint: ${f.hint}`);
    if (f.fix) out.push(`        fix:  ${f.fix}`);
  }
  if (!r.findings.length) out.push(paint(color, 'green', 'no findings'));
  out.push('', paint(color, 'bold', 'who can reach which rows (through policies; table grants not shown)'));
  for (const c of r.coverage) out.push('', `${c.table}${c.rls ? '' : '  (RLS off)'}`, textTable(HEADER, matrixRows(c)).replace(/^/gm, '  '));
  return out.join('\n') + '\n';
}

const cell = (s: string) => s.replaceAll('|', '\\|');

export function renderAuditMarkdown(r: AuditReport): string {
  const out = [`## Security audit: \`${r.source}\``, '', summaryText(r), ''];
  if (r.findings.length) {
    out.push('| severity | rule | object | finding | fix |', '| --- | --- | --- | --- | --- |');
    for (const f of r.findings) out.push(`| ${f.severity} | \`${f.rule}\` | \`${cell(f.object)}\` | ${cell(f.message)}${f.hint ? ` _${cell(f.hint)}_` : ''} | ${f.fix ? `\`${cell(f.fix)}\`` : ''} |`);
    out.push('');
  } else out.push('No findings.', '');
  out.push('### Policy coverage', '', 'Which rows each role can reach, through which policies; `- (no grant)` where the role holds no privilege for it.', '');
  for (const c of r.coverage) {
    out.push(`#### \`${c.table}\`${c.rls ? '' : ' (RLS off)'}`, '', `| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`);
    for (const row of matrixRows(c)) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}
