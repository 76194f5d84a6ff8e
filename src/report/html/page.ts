/**
 * `pgdrift report`: one self-contained HTML file (no network at view time, works from file://,
 * prints). The diagram, the drift, the RLS coverage matrix and the findings; the same data as the
 * commands' JSON documents is embedded in the page (and offered as a download), so nothing is only
 * in the picture.
 */
import type { AuditReport } from '../audit-report.js';
import type { DiffReport } from '../diff-report.js';
import { jsonDocument, JSON_FORMAT_VERSION } from '../json.js';
import type { LintReport } from '../lint-report.js';
import { toSnapshot } from '../../model/snapshot.js';
import type { Schema, TableDef } from '../../model/types.js';
import { collectMarks, diagramOf, tableResolver } from './diagram.js';
import { escapeHtml as esc, jsonForScript } from './escape.js';
import { layout } from './layout.js';
import { coverageSection, driftSection, findingsSection, linker, tablesSection } from './sections.js';
import { STYLE } from './style.js';
import { renderSvg } from './svg.js';
import { viewer } from './viewer.js';

/**
 * The viewer as the page runs it: its compiled source, called. Under tsx (the tests' and scripts'
 * loader) that source wraps named functions in a `__name` helper, which the page then defines.
 */
const VIEWER = `const __name = (f) => f;\n(${viewer.toString()})();`;

export interface ReportData {
  /** The source drawn. */
  source: string;
  schema: Schema;
  /** Tables of the compared source that this one lacks: drawn dashed. */
  missing: TableDef[];
  drift: DiffReport[];
  audit: AuditReport;
  /** When the source is a migrations folder. */
  lint?: LintReport;
  /** pgdrift's version and the time the report was made, for its header. */
  version: string;
  generated: Date;
}

/** The embedded data: each command's JSON document as that command prints it. */
export function reportDocument(data: ReportData): Record<string, unknown> {
  const doc = (command: string, report: object) => JSON.parse(jsonDocument(command, report)) as unknown;
  return {
    format: 'pgdrift-report',
    version: JSON_FORMAT_VERSION,
    source: data.source,
    inspect: JSON.parse(toSnapshot(data.schema)) as unknown,
    diff: data.drift.map((r) => doc('diff', r)),
    audit: doc('audit', data.audit),
    ...(data.lint ? { lint: doc('lint', data.lint) } : {}),
  };
}

export async function renderReportPage(data: ReportData): Promise<string> {
  const all = [...data.schema.tables, ...data.missing];
  const resolve = tableResolver({ ...data.schema, tables: all });
  const findings = [...data.audit.findings, ...(data.lint?.findings ?? [])];
  const rlsOff = data.audit.coverage.filter((c) => !c.rls).map((c) => c.table);
  const diagram = diagramOf(data.schema, data.missing, collectMarks(resolve, data.drift, rlsOff, findings));
  const svg = renderSvg(diagram, await layout(diagram));
  const link = linker(diagram, resolve);
  const marked = (pick: (m: { drift: number; rlsOff: boolean; findings: number }) => unknown) => [...diagram.marks.values()].filter(pick).length;
  const own = diagram.entities.filter((e) => !e.platform && !e.missing).length;
  const chips = [
    `${own} table${own === 1 ? '' : 's'}`,
    data.drift.length ? `${marked((m) => m.drift)} drifted` : '',
    data.missing.length ? `${data.missing.length} missing` : '',
    `${rlsOff.length} without RLS`,
    `${marked((m) => m.findings)} with findings`,
  ].filter(Boolean);
  const sections = [
    data.drift.length ? '<a href="#drift">Drift</a>' : '',
    '<a href="#rls">RLS coverage</a>',
    '<a href="#findings">Findings</a>',
    '<a href="#tables">Tables</a>',
    '<a id="download" download="pgdrift-report.json" href="#">Data (JSON)</a>',
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pgdrift ${esc(data.version)}">
<title>pgdrift report: ${esc(data.source)}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>pgdrift report: ${esc(data.source)}</h1>
<div class="meta">pgdrift ${esc(data.version)} · ${esc(data.generated.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}${data.drift.map((r) => ` · compared: ${esc(r.from)} → ${esc(r.to)}`).join('')}</div>
<ul class="chips">${chips.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
<nav>${sections.filter(Boolean).join('')}</nav></header>
<main>
<section id="diagram"><h2>Diagram</h2>
<div class="toolbar"><input id="search" type="search" placeholder="find a table…" autocomplete="off" aria-label="find a table"><ul id="matches"></ul>
<button type="button" id="zoom-in" title="zoom in">+</button><button type="button" id="zoom-out" title="zoom out">−</button><button type="button" id="zoom-fit">whole schema</button>
<span id="focus-status" aria-live="polite"></span></div>
<div class="legend"><span><i class="drifted"></i>drifted</span><span><i class="rls-off"></i>RLS off</span><span><i class="has-findings"></i>findings</span>${data.missing.length ? '<span><i class="missing"></i>missing from the source</span>' : ''}<span>type? nullable · PK primary key · FK foreign key · UK unique</span></div>
${svg}
</section>
${driftSection(data.drift, link)}
${coverageSection(data.audit.coverage, link)}
${findingsSection(data.audit, data.lint, link)}
${tablesSection(diagram, all, link)}
</main>
<script type="application/json" id="pgdrift-data">${jsonForScript(reportDocument(data))}</script>
<script>${VIEWER}</script>
</body></html>
`;
}
