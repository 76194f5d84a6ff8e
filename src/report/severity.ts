/** What every report does with severities: count them, say the counts, and decide the exit code. */
import { SEVERITIES, severityRank, type Severity } from '../diff/types.js';

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(items: { severity: Severity }[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of items) counts[i.severity]++;
  return counts;
}

/** `1 error, 2 warnings, 0 info`. */
export function countsLine(counts: SeverityCounts): string {
  return SEVERITIES.map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`).join(', ');
}

/** Whether anything is at or above `failOn` (exit code 1). */
export function reaches(items: { severity: Severity }[], failOn: Severity): boolean {
  return items.some((i) => severityRank(i.severity) >= severityRank(failOn));
}
