/** The diagram drawn as SVG: schema boxes, foreign-key edges, then the tables over them. */
import { escapeHtml as esc } from './escape.js';
import type { Diagram, Entity, Marks } from './diagram.js';
import { GEOMETRY as G, clip, rowParts, type Layout } from './layout.js';

const n = (v: number) => String(Math.round(v * 10) / 10);

/** What the marks say, in words (the table's tooltip and the legend use the same). */
export function describeMarks(e: Entity, m: Marks | undefined): string[] {
  return [
    e.missing ? 'missing from the source' : '',
    e.platform ? "the platform's (only the referenced columns)" : '',
    m?.drift ? `${m.drift} drift change${m.drift === 1 ? '' : 's'}` : '',
    m?.rlsOff ? 'RLS off' : '',
    m?.findings ? `${m.findings} finding${m.findings === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
}

export function classesOf(e: Entity, m: Marks | undefined): string {
  return ['table', e.missing && 'missing', e.platform && 'platform', m?.drift && 'drifted', m?.rlsOff && 'rls-off', m?.findings && 'has-findings'].filter(Boolean).join(' ');
}

function table(e: Entity, index: number, d: Diagram, l: Layout): string {
  const box = l.tables.get(e.id);
  if (!box) return '';
  const m = d.marks.get(e.id);
  const out = [
    `<g class="${classesOf(e, m)}" id="d${index}" data-table="${esc(e.id)}" data-box="${[box.x, box.y, box.width, box.height].map(n).join(' ')}" transform="translate(${n(box.x)},${n(box.y)})">`,
    `<title>${esc([e.id, ...describeMarks(e, m)].join(' — '))}</title>`,
    `<rect class="box" width="${n(box.width)}" height="${n(box.height)}" rx="4"/>`,
    `<rect class="head" width="${n(box.width)}" height="${G.header}" rx="4"/>`,
    `<text class="title" x="${G.pad}" y="${G.header - 8}">${esc(clip(e.name, G.maxName + G.maxType))}</text>`,
  ];
  // One dot per mark at the header's right: drift, RLS off, findings.
  const dots = (['drifted', 'rls-off', 'has-findings'] as const).filter((k) => (k === 'drifted' ? m?.drift : k === 'rls-off' ? m?.rlsOff : m?.findings));
  dots.forEach((k, i) => out.push(`<circle class="dot ${k}" cx="${n(box.width - G.pad - 4 - i * 11)}" cy="${G.header / 2}" r="4"/>`));
  e.columns.forEach((c, i) => {
    const r = rowParts(c);
    const y = G.header + i * G.row + G.row * 0.72;
    const keysWidth = r.keys ? (r.keys.length + 1) * G.char : 0;
    out.push(
      `<g class="row${c.keys.includes('PK') ? ' pk' : ''}"><title>${esc(`${c.name} ${c.type}${c.nullable ? ' (nullable)' : ' not null'}${c.keys ? ` ${c.keys}` : ''}`)}</title>`,
      `<text class="col" x="${G.pad}" y="${n(y)}">${esc(r.name)}</text>`,
      `<text class="type" x="${n(box.width - G.pad - keysWidth)}" y="${n(y)}" text-anchor="end">${esc(r.type)}</text>`,
      r.keys ? `<text class="keys" x="${n(box.width - G.pad)}" y="${n(y)}" text-anchor="end">${esc(r.keys)}</text>` : '',
      '</g>',
    );
  });
  out.push('</g>');
  return out.join('');
}

export function renderSvg(d: Diagram, l: Layout): string {
  const index = new Map(d.entities.map((e, i) => [e.id, i]));
  const groups = [...l.schemas].map(([schema, b]) =>
    `<g class="schema"><rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="8"/><text x="${n(b.x + 14)}" y="${n(b.y + 22)}">${esc(schema)}</text></g>`,
  );
  const edges = d.relations.flatMap((r) => {
    const points = l.edges.get(r.id);
    if (!points?.length) return [];
    const path = points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join(' ');
    const label = `${r.name}: ${r.from}(${r.columns.join(', ')}) → ${r.to}(${r.references.join(', ')})`;
    return [`<path class="edge" d="${path}" data-from="d${index.get(r.from)}" data-to="d${index.get(r.to)}" marker-start="url(#${r.oneToOne ? 'one' : 'many'})" marker-end="url(#one)"><title>${esc(label)}</title></path>`];
  });
  const defs = '<defs>'
    + '<marker id="one" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M6 1 V11 M0 6 H12" class="marker"/></marker>'
    + '<marker id="many" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0 6 H12 M4 6 L12 1 M4 6 L12 11" class="marker"/></marker>'
    + '</defs>';
  const w = n(l.width);
  const h = n(l.height);
  return `<svg id="erd" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" data-width="${w}" data-height="${h}" role="img" aria-label="entity-relationship diagram: ${d.entities.length} tables">`
    + `${defs}<g class="schemas">${groups.join('')}</g><g class="edges">${edges.join('')}</g><g class="tables">${d.entities.map((e, i) => table(e, i, d, l)).join('')}</g></svg>`;
}
