/** `pgdrift lint` output: text (file:line:col like a compiler), JSON, and SARIF 2.1.0 for code scanning. */
import type { LintFinding } from '../lint/types.js';
import type { LintRule } from '../lint/types.js';
import { SEVERITIES, type Severity } from '../diff/types.js';
import { paint, severityColor } from './color.js';

export interface LintReport {
  source: string;
  files: number;
  summary: Record<Severity, number>;
  findings: LintFinding[];
}

export function makeLintReport(source: string, files: number, findings: LintFinding[]): LintReport {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return { source, files, summary, findings };
}

export function renderLintText(r: LintReport, color: boolean): string {
  const out = r.findings.flatMap((f) => [
    `${f.file}:${f.line}:${f.column}: ${paint(color, severityColor(f.severity), f.severity)} ${paint(color, 'dim', `[${f.rule}]`)} ${f.message}`,
    ...(f.hint ? [`    hint: ${f.hint}`] : []),
  ]);
  const counts = SEVERITIES.map((s) => `${r.summary[s]} ${s}${r.summary[s] === 1 || s === 'info' ? '' : 's'}`).join(', ');
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
