/** The report page's stylesheet: a screen layout, and one for print (no controls, the whole diagram). */
export const STYLE = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa; --accent: #0969da;
  --drift: #bc4c00; --rls: #cf222e; --finding: #8250df; --missing: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header, main > section { padding: 12px 24px; }
header { border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { font-size: 20px; margin: 0 0 4px; }
header .meta { color: var(--muted); }
nav a { margin-right: 14px; }
.chips { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 0; padding: 0; list-style: none; }
.chips li { border: 1px solid var(--line); border-radius: 12px; padding: 1px 10px; background: var(--bg); }
a { color: var(--accent); }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
code, pre { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12px; }
pre { background: var(--panel); padding: 6px; white-space: pre-wrap; margin: 4px 0 0; }
.why { color: var(--muted); font-size: 13px; }
.none { color: var(--muted); }
.sev { font-weight: 600; }
.sev-error { color: var(--rls); } .sev-warning { color: var(--drift); } .sev-info { color: var(--muted); } .sev-suppressed { color: var(--muted); font-weight: 400; }
.bad { color: var(--rls); }
.matrix td { font-size: 12px; max-width: 16em; }
.matrix .role { display: block; color: var(--muted); font-weight: 400; }
.reach-no-rls { color: var(--rls); font-weight: 600; } .reach-denied, .reach-no-privilege { color: var(--muted); }
.marks { color: var(--drift); }
#diagram .toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; position: relative; }
#diagram input { font: inherit; padding: 3px 8px; width: 22em; }
#diagram button { font: inherit; }
#matches { position: absolute; top: 30px; left: 0; z-index: 2; margin: 0; padding: 0; list-style: none; background: var(--bg); border: 1px solid var(--line); max-height: 50vh; overflow: auto; }
#matches:empty { display: none; }
#matches button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 3px 10px; cursor: pointer; }
#matches button:hover { background: var(--panel); }
#focus-status { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; color: var(--muted); font-size: 13px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; vertical-align: -1px; }
.legend .drifted { background: var(--drift); } .legend .rls-off { background: var(--rls); } .legend .has-findings { background: var(--finding); }
.legend .missing { border: 1px dashed var(--missing); border-radius: 2px; }
#erd { width: 100%; height: 72vh; border: 1px solid var(--line); background: #fbfcfd; cursor: grab; touch-action: none; display: block; }
#erd text { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12px; fill: var(--fg); }
#erd .schema rect { fill: #f3f6f9; stroke: #c4ccd5; stroke-dasharray: 4 3; }
#erd .schema text { font-size: 15px; font-weight: 700; fill: var(--muted); }
#erd .box { fill: #fff; stroke: #8c959f; }
#erd .head { fill: #dde7f3; stroke: #8c959f; }
#erd .title { font-weight: 700; }
#erd .type { fill: var(--muted); }
#erd .keys { fill: var(--accent); font-weight: 700; font-size: 11px; }
#erd .row.pk .col { font-weight: 700; }
#erd .table { cursor: pointer; }
#erd .table.drifted .box { stroke: var(--drift); stroke-width: 2.5; }
#erd .table.rls-off .head { fill: #ffe4e3; }
#erd .table.missing .box, #erd .table.missing .head { stroke: var(--missing); stroke-dasharray: 5 3; fill-opacity: 0.6; }
#erd .table.platform .head { fill: #eaeef2; }
#erd .dot.drifted { fill: var(--drift); } #erd .dot.rls-off { fill: var(--rls); } #erd .dot.has-findings { fill: var(--finding); }
#erd .edge { fill: none; stroke: #6e7781; stroke-width: 1.2; }
#erd .marker { fill: none; stroke: #6e7781; stroke-width: 1.2; }
#erd.focused .table:not(.on), #erd.focused .edge:not(.on) { opacity: 0.15; }
#erd .table.picked .box { stroke: var(--accent); stroke-width: 3; }
#erd .edge.on { stroke: var(--accent); stroke-width: 2; }
.table-detail h3 { margin-bottom: 2px; }
.table-detail .show { font-size: 12px; margin-left: 8px; }
@media print {
  nav, #diagram .toolbar, .show { display: none; }
  #erd { height: auto; max-height: 95vh; border: 0; }
  #erd.focused .table, #erd.focused .edge { opacity: 1; }
  section { break-inside: auto; } .table-detail { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
