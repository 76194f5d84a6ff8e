/** `pgdrift status` output: one row per migration, as text, JSON and Markdown. */
import type { History } from '../history/history.js';
import type { MigrationState, StatusEntry } from '../history/status.js';
import { paint, severityColor } from './color.js';
import { textTable } from './table.js';
import { printable } from '../model/ident.js';

export interface StatusReport {
  migrations: string;
  database: string;
  /** Where the history was read: the owning tool's table, and whether the database has it. */
  history: { tool: History['tool']; table: string; found: boolean };
  /** How many migrations are in each state. */
  summary: Partial<Record<MigrationState, number>>;
  entries: StatusEntry[];
}

export function makeStatusReport(migrations: string, database: string, history: History, entries: StatusEntry[]): StatusReport {
  const summary: Partial<Record<MigrationState, number>> = {};
  for (const e of entries) summary[e.state] = (summary[e.state] ?? 0) + 1;
  return { migrations, database, history: { tool: history.tool, table: history.table, found: history.found }, summary, entries };
}

export const needsAttention = (r: StatusReport) => r.entries.some((e) => e.state !== 'applied');

function summaryLine(r: StatusReport): string {
  const parts = Object.entries(r.summary).map(([state, n]) => `${n} ${state}`);
  return parts.length ? parts.join(', ') : 'no migrations';
}

const rows = (r: StatusReport) => r.entries.map((e) => [printable(e.object), e.state, e.appliedAt?.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') ?? '', e.state === 'applied' ? '' : e.message]);

export function renderStatusText(r: StatusReport, color: boolean): string {
  const out = [`${paint(color, 'bold', 'pgdrift status')} ${r.migrations} → ${r.database}`];
  if (!r.history.found) out.push(paint(color, 'dim', `${r.history.table} does not exist there: nothing is recorded as applied`));
  out.push(summaryLine(r), '');
  const table = textTable(['migration', 'state', 'applied at', 'note'], rows(r)).split('\n');
  out.push(...table.slice(0, 2), ...table.slice(2).map((line, i) => paint(color, r.entries[i]!.state === 'applied' ? 'green' : severityColor(r.entries[i]!.severity), line)));
  return out.join('\n') + '\n';
}

export function renderStatusMarkdown(r: StatusReport): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `### pgdrift status: ${cell(r.migrations)} → ${cell(r.database)}`,
    '',
    r.history.found ? summaryLine(r) : `${r.history.table} does not exist there: nothing is recorded as applied. ${summaryLine(r)}`,
    '',
    '| migration | state | applied at | note |',
    '| --- | --- | --- | --- |',
    ...rows(r).map((cells) => `| ${cells.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}
