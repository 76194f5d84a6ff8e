/** `pgdrift lint` output: text (file:line:col like a compiler), JSON, and SARIF 2.1.0 for code scanning. */
import type { LintFinding, LintRule } from '../lint/types.js';
import type { Severity } from '../diff/types.js';
import { countSeverities, countsLine, type SeverityCounts } from './severity.js';
import { paint, severityColor } from './color.js';

export interface LintReport {
  source: string;
  files: number;
  summary: SeverityCounts;
  findings: LintFinding[];
}

export function makeLintReport(source: string, files: number, findings: LintFinding[]): LintReport {
  return { source, files, summary: countSeverities(findings), findings };
}

export function renderLintText(r: LintReport, color: boolean): string {
  const out = r.findings.flatMap((f) => [
    `${f.file}:${f.line}:${f.column}: ${paint(color, severityColor(f.severity), f.severity)} ${paint(color, 'dim', `[${f.rule}]`)} ${f.message}`,
    ...(f.hint ? [`    hint: ${f.hint}`] : []),
  ]);
  const counts = countsLine(r.summary);
  out.push(`${r.findings.length ? '' : paint(color, 'green', 'no findings; ')}${r.files} file${r.files === 1 ? '' : 's'} linted: ${counts}`);
  return out.join('\n') + '\n';
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function renderSarif(r: LintReport, rules: LintRule[], version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pgdrift',
            version,
            informationUri: 'https://www.npmjs.com/package/pgdrift',
            rules: rules.map((rule) => ({ id: rule.id, shortDescription: { text: rule.description }, defaultConfiguration: { level: LEVEL[rule.severity] } })),
          },
        },
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: rules.findIndex((x) => x.id === f.rule),
          level: LEVEL[f.severity],
          message: { text: f.hint ? `${f.message}. ${f.hint}` : f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/') }, region: { startLine: f.line, startColumn: f.column } } }],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
