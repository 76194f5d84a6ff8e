/** A comparison's result, in the shape every diff format renders and `--format json` prints. */
import { SEVERITIES, severityRank, type Change, type IntentionalChange, type Severity } from '../diff/types.js';

export interface DiffReport {
  from: string;
  to: string;
  summary: Record<Severity, number> & { intentional: number };
  changes: Change[];
  intentional: IntentionalChange[];
}

export function makeReport(from: string, to: string, changes: Change[], intentional: IntentionalChange[]): DiffReport {
  const summary = { error: 0, warning: 0, info: 0, intentional: intentional.length };
  for (const c of changes) summary[c.severity]++;
  return { from, to, summary, changes, intentional };
}

/** Whether a report has anything at or above the given severity. */
export function failsAt(report: DiffReport, failOn: Severity): boolean {
  return report.changes.some((c) => severityRank(c.severity) >= severityRank(failOn));
}

export function summaryLine(report: DiffReport): string {
  const parts = SEVERITIES.map((s) => `${report.summary[s]} ${s}${report.summary[s] === 1 || s === 'info' ? '' : 's'}`);
  return `${parts.join(', ')}${report.summary.intentional ? `; ${report.summary.intentional} intentional` : ''}`;
}

/** Changes grouped by the table they belong to (schema-level objects last, under `null`). */
export function groupByTable(changes: Change[]): [string | null, Change[]][] {
  const groups = new Map<string | null, Change[]>();
  for (const c of changes) {
    const k = c.table ?? null;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
}

export function jsonReport(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

