/**
 * The report's sections after the diagram: the drift, the RLS coverage matrix, the lint and audit
 * findings, and every table in full. Plain HTML that prints; each object links to its table.
 */
import type { TableCoverage } from '../../audit/coverage.js';
import { describeReach } from '../../audit/coverage.js';
import { COMMANDS } from '../../audit/policies.js';
import type { Finding } from '../../audit/types.js';
import type { LintFinding } from '../../lint/types.js';
import { tableId } from '../../model/ident.js';
import type { TableDef } from '../../model/types.js';
import type { DiffReport } from '../diff-report.js';
import { summaryLine } from '../diff-report.js';
import { countsLine, type SeverityCounts } from '../severity.js';
import type { Diagram } from './diagram.js';
import { escapeHtml as esc } from './escape.js';
import { describeMarks } from './svg.js';

/** Links an object to its table's section (and, in the page, its box in the diagram). */
export type Linker = (object: string, label?: string) => string;

export function linker(d: Diagram, resolve: (object: string) => string | undefined): Linker {
  const index = new Map(d.entities.map((e, i) => [e.id, i]));
  return (object, label = object) => {
    const table = resolve(object);
    const i = table === undefined ? undefined : index.get(table);
    return i === undefined ? esc(label) : `<a href="#table-${i}" data-focus="d${i}">${esc(label)}</a>`;
  };
}

const sev = (s: string) => `<span class="sev sev-${esc(s)}">${esc(s)}</span>`;
const code = (s: string) => `<code>${esc(s)}</code>`;
const table = (head: string[], rows: string[][], cls = '') =>
  `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
const none = (what: string) => `<p class="none">${esc(what)}</p>`;

export function driftSection(reports: DiffReport[], link: Linker): string {
  if (!reports.length) return '';
  const parts = reports.map((r) => {
    const rows = r.changes.map((c) => [sev(c.severity), esc(`${c.kind} ${c.action}`), link(c.table ?? c.object, c.object), esc(c.message) + (c.why ? `<div class="why">${esc(c.why)}</div>` : '')]);
    const apart = [
      r.intentional.length ? `<details><summary>${r.intentional.length} intentional (the config's ignore rules)</summary>${table(['object', 'message', 'reason'], r.intentional.map((c) => [link(c.table ?? c.object, c.object), esc(c.message), esc(c.reason)]))}</details>` : '',
      r.notExpressible.length ? `<details><summary>${r.notExpressible.length} not expressible in Prisma</summary>${table(['object', 'message'], r.notExpressible.map((c) => [link(c.table ?? c.object, c.object), esc(c.message)]))}</details>` : '',
    ];
    return `<h3>${esc(r.from)} → ${esc(r.to)}</h3><p>${esc(summaryLine(r))}</p>${rows.length ? table(['severity', 'change', 'object', 'what'], rows) : none('no drift')}${apart.join('')}`;
  });
  return `<section id="drift"><h2>Drift</h2>${parts.join('')}</section>`;
}

export function coverageSection(coverage: TableCoverage[], link: Linker): string {
  const roles = [...new Set(coverage.flatMap((c) => Object.keys(c.roles)))];
  const head = ['table', 'RLS', ...roles.flatMap((r) => COMMANDS.map((cmd, i) => `${i === 0 ? `<span class="role">${esc(r)}</span>` : ''}${cmd.toUpperCase()}`))];
  const rows = coverage.map((c) => [
    link(c.table),
    c.rls ? 'on' : '<strong class="bad">off</strong>',
    ...roles.flatMap((r) => COMMANDS.map((cmd) => {
      const reach = c.roles[r]?.[cmd];
      if (!reach) return '';
      return `<span class="reach reach-${reach.kind.replace(/ /g, '-')}" title="${esc(describeReach(reach))}">${esc(describeReach(reach))}</span>`;
    })),
  ]);
  return `<section id="rls"><h2>Row level security: who can reach which rows</h2><p>Through policies, for the tables the API exposes; a role without the table privilege reaches nothing.</p>${coverage.length ? table(head, rows, 'matrix') : none('no exposed tables')}</section>`;
}

export function findingsSection(audit: { summary: SeverityCounts; findings: Finding[] }, lint: { source: string; summary: SeverityCounts; findings: LintFinding[] } | undefined, link: Linker): string {
  const lintPart = lint
    ? `<h3>Lint: ${esc(lint.source)}</h3><p>${esc(countsLine(lint.summary))}</p>${lint.findings.length ? table(['severity', 'rule', 'where', 'object', 'what'], lint.findings.map((f) => [
      sev(f.suppressed === undefined ? f.severity : 'suppressed'),
      code(f.rule),
      esc(`${f.file}:${f.line}:${f.column}`),
      link(f.object),
      esc(f.message) + (f.hint ? `<div class="why">${esc(f.hint)}</div>` : '') + (f.suppressed !== undefined ? `<div class="why">suppressed: ${esc(f.suppressed)}</div>` : ''),
    ])) : none('no lint findings')}`
    : '';
  const auditRows = audit.findings.map((f) => [sev(f.severity), code(f.rule), link(f.object), esc(f.message) + (f.hint ? `<div class="why">${esc(f.hint)}</div>` : '') + (f.fix ? `<pre>${esc(f.fix)}</pre>` : '')]);
  return `<section id="findings"><h2>Findings</h2>${lintPart}<h3>Audit</h3><p>${esc(countsLine(audit.summary))}</p>${auditRows.length ? table(['severity', 'rule', 'object', 'what'], auditRows) : none('no audit findings')}</section>`;
}

export function tablesSection(d: Diagram, tables: TableDef[], link: Linker): string {
  const defs = new Map(tables.map((t) => [tableId(t), t]));
  const parts = d.entities.map((e, i) => {
    const t = defs.get(e.id);
    const marks = describeMarks(e, d.marks.get(e.id));
    const columns = table(['column', 'type', 'null', 'default', 'key'], e.columns.map((c) => {
      const def = t?.columns.find((x) => x.name === c.name);
      return [esc(c.name), code(c.type), c.nullable ? 'null' : 'not null', def?.default ? code(def.default) : def?.identity ? esc(`identity (${def.identity})`) : '', esc(c.keys)];
    }));
    const refs = d.relations.filter((r) => r.from === e.id).map((r) => `<li>${code(r.name)}: (${esc(r.columns.join(', '))}) → ${link(r.to)} (${esc(r.references.join(', '))})</li>`);
    const policies = (t?.policies ?? []).map((p) => `<li>${code(p.name)}: ${esc(`${p.permissive ? 'permissive' : 'restrictive'} ${p.command} to ${p.roles.join(', ')}`)}${p.using ? ` using ${code(p.using)}` : ''}${p.withCheck ? ` with check ${code(p.withCheck)}` : ''}</li>`);
    return `<section class="table-detail" id="table-${i}"><h3>${esc(e.id)} <button type="button" class="show" data-focus="d${i}">show in diagram</button></h3>`
      + (marks.length ? `<p class="marks">${esc(marks.join(' · '))}</p>` : '')
      + columns
      + (refs.length ? `<h4>Foreign keys</h4><ul>${refs.join('')}</ul>` : '')
      + (t ? `<h4>Row level security: ${t.rls.enabled ? 'on' : 'off'}${t.rls.forced ? ' (forced)' : ''}</h4>${policies.length ? `<ul>${policies.join('')}</ul>` : ''}` : '')
      + '</section>';
  });
  return `<section id="tables"><h2>Tables</h2>${parts.join('')}</section>`;
}
