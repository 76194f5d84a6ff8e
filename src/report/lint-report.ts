/** `pgdrift lint` output: text (file:line:col like a compiler), JSON, and SARIF 2.1.0 for code scanning. */
import type { LintFinding, LintRule } from '../lint/types.js';
import type { Severity } from '../diff/types.js';
import { countSeverities, countsLine, type SeverityCounts } from './severity.js';
import { paint, severityColor } from './color.js';

export interface LintReport {
  source: string;
  files: number;
  /** Counts of the findings not suppressed (those decide the exit code). */
  summary: SeverityCounts & { suppressed: number };
  findings: LintFinding[];
}

/** The findings that count: those no `-- pgdrift-ignore` comment suppresses. */
export const activeFindings = (findings: LintFinding[]) => findings.filter((f) => f.suppressed === undefined);

export function makeLintReport(source: string, files: number, findings: LintFinding[]): LintReport {
  const active = activeFindings(findings);
  return { source, files, summary: { ...countSeverities(active), suppressed: findings.length - active.length }, findings };
}

export function renderLintText(r: LintReport, color: boolean): string {
  const out = r.findings.flatMap((f) => {
    const where = `${f.file}:${f.line}:${f.column}:`;
    if (f.suppressed !== undefined) return [paint(color, 'dim', `${where} suppressed [${f.rule}] ${f.message} (pgdrift-ignore: ${f.suppressed})`)];
    return [`${where} ${paint(color, severityColor(f.severity), f.severity)} ${paint(color, 'dim', `[${f.rule}]`)} ${f.message}`, ...(f.hint ? [`    hint: ${f.hint}`] : [])];
  });
  const counts = countsLine(r.summary) + (r.summary.suppressed ? `, ${r.summary.suppressed} suppressed` : '');
  out.push(`${activeFindings(r.findings).length ? '' : paint(color, 'green', 'no findings; ')}${r.files} file${r.files === 1 ? '' : 's'} linted: ${counts}`);
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
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              ...(rule.lock || rule.instead ? { help: { text: explainRule(rule) } } : {}),
              defaultConfiguration: { level: LEVEL[rule.severity], enabled: !rule.optIn },
            })),
          },
        },
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: rules.findIndex((x) => x.id === f.rule),
          level: LEVEL[f.severity],
          message: { text: f.hint ? `${f.message}. ${f.hint}` : f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/') }, region: { startLine: f.line, startColumn: f.column } } }],
          ...(f.suppressed !== undefined ? { suppressions: [{ kind: 'inSource', justification: f.suppressed }] } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A rule explained: what it checks, the lock the statement takes, and what to do instead. */
export function explainRule(rule: LintRule): string {
  return [
    `${rule.id} (${rule.optIn ? 'opt-in' : `default: ${rule.severity}`}): ${rule.description}`,
    ...(rule.lock ? [`lock: ${rule.lock}`] : []),
    ...(rule.instead ? [`instead: ${rule.instead}`] : []),
  ].join('\n');
}
