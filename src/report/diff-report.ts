/** A comparison's result, in the shape every diff format renders and `--format json` prints. */
import { jsonDocument } from './json.js';
import type { Change, IntentionalChange, Severity } from '../diff/types.js';
import { countSeverities, countsLine, reaches } from './severity.js';

export interface DiffReport {
  from: string;
  to: string;
  summary: Record<Severity, number> & { intentional: number; notExpressible: number };
  changes: Change[];
  intentional: IntentionalChange[];
  /** Against a Prisma schema: differences Prisma cannot express, listed apart (info; never a failure). */
  notExpressible: Change[];
}

export function makeReport(from: string, to: string, changes: Change[], intentional: IntentionalChange[], notExpressible: Change[] = []): DiffReport {
  const summary = { ...countSeverities(changes), intentional: intentional.length, notExpressible: notExpressible.length };
  return { from, to, summary, changes, intentional, notExpressible };
}

/** Whether a report has anything at or above the given severity. */
export function failsAt(report: DiffReport, failOn: Severity): boolean {
  return reaches(report.changes, failOn);
}

export function summaryLine(report: DiffReport): string {
  const { intentional, notExpressible } = report.summary;
  return `${countsLine(report.summary)}${intentional ? `; ${intentional} intentional` : ''}${notExpressible ? `; ${notExpressible} not expressible in Prisma` : ''}`;
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
  return jsonDocument('diff', report);
}

