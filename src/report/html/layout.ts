/**
 * Where each table of the diagram goes, laid out by the Eclipse Layout Kernel (elkjs): its layered
 * algorithm, edges routed orthogonally, one box per schema holding its tables, foreign keys across
 * schemas routed through the boxes. Text is drawn in a monospace font, so a box's width is its
 * longest line's length.
 */
// elkjs is CommonJS: its class is the module, and its `default`.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs';
import type { Diagram, Entity } from './diagram.js';

/** The drawing's measures, shared with the SVG that draws it. */
export const GEOMETRY = {
  /** Width of one character of 12px DejaVu Sans Mono (0.602 em). */
  char: 7.23,
  row: 18,
  header: 26,
  pad: 8,
  /** Names and types longer than this are cut (the full text is the row's tooltip). */
  maxName: 30,
  maxType: 26,
  schemaHeader: 30,
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  width: number;
  height: number;
  tables: Map<string, Box>;
  schemas: Map<string, Box>;
  /** Each relation's route: its points from the referencing table to the referenced one. */
  edges: Map<string, { x: number; y: number }[]>;
}

export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** PostgreSQL's own short names for its long type names, for the boxes (the tables below the diagram spell them out). */
const SHORT_TYPES: [RegExp, string][] = [
  [/\btimestamp(\(\d+\))? with time zone\b/g, 'timestamptz$1'],
  [/\btimestamp(\(\d+\))? without time zone\b/g, 'timestamp$1'],
  [/\btime(\(\d+\))? with time zone\b/g, 'timetz$1'],
  [/\btime(\(\d+\))? without time zone\b/g, 'time$1'],
  [/\bcharacter varying\b/g, 'varchar'],
  [/\bdouble precision\b/g, 'float8'],
];
export const shortType = (type: string) => SHORT_TYPES.reduce((t, [re, short]) => t.replace(re, short), type);

/** A column row: name, type (`?` when nullable), then its keys. */
export function rowParts(c: Entity['columns'][number]): { name: string; type: string; keys: string } {
  return { name: clip(c.name, GEOMETRY.maxName), type: clip(shortType(c.type), GEOMETRY.maxType) + (c.nullable ? '?' : ''), keys: c.keys };
}

export function boxSize(e: Entity): { width: number; height: number } {
  const g = GEOMETRY;
  // The title, then room for up to three mark dots.
  const title = clip(e.name, g.maxName + g.maxType).length + 6;
  const widest = Math.max(title, ...e.columns.map((c) => {
    const r = rowParts(c);
    return r.name.length + 2 + r.type.length + (r.keys ? r.keys.length + 2 : 0);
  }));
  return { width: Math.ceil(widest * g.char + 2 * g.pad), height: g.header + Math.max(1, e.columns.length) * g.row + g.pad / 2 };
}

/** The shape a diagram should have: a screen's, wider than high. */
const TARGET_ASPECT = 1.6;
/** How far a layout's shape is from the target, either way. */
const misfit = (l: { width?: number; height?: number }) => Math.abs(Math.log((l.width || 1) / (l.height || 1) / TARGET_ASPECT));

/**
 * Layers run left to right (referencing tables left of those they reference). A table many others
 * reference makes a tall layer of them; when the result is far from a screen's shape (more than 3×
 * off), layers running top to bottom are tried too and the better shape kept.
 */
export async function layout(d: Diagram): Promise<Layout> {
  const elk = new ELK.default();
  const right = await elk.layout(graphOf(d, 'RIGHT'));
  const out = misfit(right) <= Math.log(3) ? right : [right, await elk.layout(graphOf(d, 'DOWN'))].sort((a, b) => misfit(a) - misfit(b))[0]!;
  return positions(d, out);
}

const schemasOf = (d: Diagram) => [...new Set(d.entities.map((e) => e.schema))];

function graphOf(d: Diagram, direction: 'RIGHT' | 'DOWN'): ElkNode {
  const schemas = schemasOf(d);
  const ids = new Set(d.entities.map((e) => e.id));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.componentComponent': '48',
      'elk.aspectRatio': String(TARGET_ASPECT),
    },
    children: schemas.map((s, i) => ({
      id: `schema ${i}`,
      layoutOptions: { 'elk.padding': `[top=${GEOMETRY.schemaHeader + 10},left=18,bottom=18,right=18]` },
      children: d.entities.filter((e) => e.schema === s).map((e) => ({ id: e.id, ...boxSize(e) })),
    })),
    edges: d.relations.filter((r) => ids.has(r.to)).map((r): ElkExtendedEdge => ({ id: r.id, sources: [r.from], targets: [r.to] })),
  };
}

/** Absolute positions out of elkjs's, which are relative to the containing node. */
function positions(d: Diagram, out: ElkNode): Layout {
  const schemas = schemasOf(d);
  const tables = new Map<string, Box>();
  const groups = new Map<string, Box>();
  // An edge's points are relative to the node that contains it, which elkjs names.
  const offsets = new Map<string, { x: number; y: number }>([['root', { x: 0, y: 0 }]]);
  for (const [i, group] of (out.children ?? []).entries()) {
    const gx = group.x ?? 0;
    const gy = group.y ?? 0;
    groups.set(schemas[i]!, { x: gx, y: gy, width: group.width ?? 0, height: group.height ?? 0 });
    offsets.set(group.id, { x: gx, y: gy });
    for (const t of group.children ?? []) tables.set(t.id, { x: gx + (t.x ?? 0), y: gy + (t.y ?? 0), width: t.width ?? 0, height: t.height ?? 0 });
  }
  const edges = new Map<string, { x: number; y: number }[]>();
  for (const e of (out.edges ?? []) as (ElkExtendedEdge & { container?: string })[]) {
    const o = offsets.get(e.container ?? 'root') ?? { x: 0, y: 0 };
    const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    edges.set(e.id, points.map((p) => ({ x: p.x + o.x, y: p.y + o.y })));
  }
  return { width: out.width ?? 0, height: out.height ?? 0, tables, schemas: groups, edges };
}
