/** Differences inside one table: columns (and renames), constraints, indexes, RLS, policies. */
import { columnId, quoteIdent, tableId } from '../model/ident.js';
import type { ColumnDef, IndexDef, PolicyDef, TableDef } from '../model/types.js';
import type { Collector } from './collector.js';
import { diffGrants } from './grants.js';
import { indexShape, sameConstraint, sameExpression, sameStatement } from './equivalent.js';
import { match } from './match.js';
import { nameSimilarity, pairRenames, round2, type RenameDecision } from './renames.js';

const COLUMN_ATTRIBUTES = ['type', 'notNull', 'default', 'identity', 'identityOptions', 'generated', 'collation'] as const;
const ATTRIBUTE_NAMES: Record<string, string> = { notNull: 'nullability', identityOptions: 'identity options' };

function describe(attr: string, value: unknown): string {
  if (attr === 'notNull') return value ? 'NOT NULL' : 'nullable';
  if (attr === 'identityOptions' && value === undefined) return 'the defaults';
  if (value === undefined) return `no ${attr}`;
  return String(value);
}

export function diffColumns(c: Collector, from: TableDef, to: TableDef, renames: RenameDecision[]): void {
  const table = tableId(to);
  const m = match(from.columns, to.columns, (x) => x.name);
  const decided = (f: ColumnDef, t: ColumnDef) => {
    const d = renames.find((r) => r.kind === 'column' && r.from === columnId(from, f.name) && r.to === t.name);
    return d?.confirmed;
  };
  const score = (f: ColumnDef, t: ColumnDef) => {
    if (f.type !== t.type) return undefined;
    const samePlace = from.columns.indexOf(f) === to.columns.indexOf(t);
    const similarity = nameSimilarity(f.name, t.name);
    if (similarity === 0 && !samePlace) return undefined;
    return Math.min(0.99, 0.5 + (f.notNull === t.notNull ? 0.1 : 0) + 0.3 * similarity + (samePlace ? 0.1 : 0));
  };
  const renamed = pairRenames(m.extra, m.missing, score, decided, 0.7);
  for (const r of renamed) {
    c.add({
      kind: 'column',
      action: 'rename',
      object: columnId(from, r.from.name),
      table,
      renamedTo: r.to.name,
      confidence: round2(r.confidence),
      severity: 'error',
      message: `column ${columnId(from, r.from.name)} is probably ${quoteIdent(r.to.name)} renamed (confidence ${round2(r.confidence)})`,
    });
    m.both.push([r.from, r.to]);
  }
  const paired = new Set(renamed.flatMap((r) => [r.from, r.to]));
  for (const col of m.missing.filter((x) => !paired.has(x))) {
    c.add({ kind: 'column', action: 'missing', object: columnId(to, col.name), table, severity: 'error', message: `column ${columnId(to, col.name)} (${col.type}) is missing` });
  }
  for (const col of m.extra.filter((x) => !paired.has(x))) {
    c.add({ kind: 'column', action: 'extra', object: columnId(from, col.name), table, severity: 'warning', message: `column ${columnId(from, col.name)} (${col.type}) is extra` });
  }
  for (const [f, t] of m.both) {
    const object = columnId(to, t.name);
    for (const attr of COLUMN_ATTRIBUTES) {
      const same = attr === 'default' || attr === 'generated' ? sameExpression(f[attr], t[attr]) : f[attr] === t[attr];
      // Options of an identity the column gains or loses are part of that change.
      if (same || (attr === 'identityOptions' && (!f.identity || !t.identity))) continue;
      c.add({
        kind: 'column',
        action: 'different',
        object,
        table,
        attribute: attr,
        from: f[attr],
        to: t[attr],
        severity: attr === 'identityOptions' ? 'warning' : 'error',
        message: `column ${object}: ${ATTRIBUTE_NAMES[attr] ?? attr} is ${describe(attr, f[attr])}, expected ${describe(attr, t[attr])}`,
      });
    }
    diffGrants(c, { kind: 'column', label: `column ${object}`, object, table }, f.grants, t.grants);
    c.comment(object, f.comment, t.comment, table);
  }
  const order = (cols: ColumnDef[], keep: Set<string>) => cols.map((x) => x.name).filter((n) => keep.has(n));
  const common = new Set(m.both.filter(([f, t]) => f.name === t.name).map(([f]) => f.name));
  if (order(from.columns, common).join('\u0000') !== order(to.columns, common).join('\u0000')) {
    c.add({ kind: 'table', action: 'different', object: table, table, attribute: 'column order', severity: 'info', message: `table ${table}: columns are in a different order` });
  }
}

/** Pairs that differ only by name: reported once, as info, instead of a missing plus an extra. */
function pairByShape<T>(missing: T[], extra: T[], same: (a: T, b: T) => boolean): [T, T][] {
  const pairs: [T, T][] = [];
  const used = new Set<T>();
  for (const f of extra) {
    const t = missing.find((x) => !used.has(x) && same(f, x));
    if (t) {
      used.add(t);
      pairs.push([f, t]);
    }
  }
  return pairs;
}

export function diffConstraints(c: Collector, from: TableDef, to: TableDef): void {
  const table = tableId(to);
  const m = match(from.constraints, to.constraints, (x) => x.name);
  const renamed = pairByShape(m.missing, m.extra, sameConstraint);
  const paired = new Set(renamed.flat());
  for (const [f, t] of renamed) {
    c.add({ kind: 'constraint', action: 'different', object: `${table}.${quoteIdent(t.name)}`, table, attribute: 'name', from: f.name, to: t.name, severity: 'info', message: `constraint ${quoteIdent(f.name)} on ${table} is named ${quoteIdent(t.name)} in the source of truth` });
  }
  for (const k of m.missing.filter((x) => !paired.has(x))) {
    c.add({ kind: 'constraint', action: 'missing', object: `${table}.${quoteIdent(k.name)}`, table, severity: 'error', message: `${k.type} constraint ${quoteIdent(k.name)} on ${table} is missing: ${k.definition}` });
  }
  for (const k of m.extra.filter((x) => !paired.has(x))) {
    c.add({ kind: 'constraint', action: 'extra', object: `${table}.${quoteIdent(k.name)}`, table, severity: 'warning', message: `${k.type} constraint ${quoteIdent(k.name)} on ${table} is extra: ${k.definition}` });
  }
  for (const [f, t] of m.both) {
    const object = `${table}.${quoteIdent(t.name)}`;
    if (!sameConstraint(f, t)) {
      c.add({ kind: 'constraint', action: 'different', object, table, attribute: 'definition', from: f.definition, to: t.definition, severity: 'error', message: `constraint ${quoteIdent(t.name)} on ${table} is ${f.definition}, expected ${t.definition}` });
    } else if (Boolean(f.notValid) !== Boolean(t.notValid)) {
      c.add({ kind: 'constraint', action: 'different', object, table, attribute: 'validated', from: !f.notValid, to: !t.notValid, severity: 'info', message: `constraint ${quoteIdent(t.name)} on ${table} is ${f.notValid ? 'not yet validated' : 'validated'} here` });
    }
    c.comment(object, f.comment, t.comment, table);
  }
}

export function diffIndexes(c: Collector, tableIdentity: string, from: IndexDef[], to: IndexDef[]): void {
  const table = tableIdentity;
  const m = match(from, to, (x) => x.name);
  const renamed = pairByShape(m.missing, m.extra, (a, b) => indexShape(a) === indexShape(b));
  const paired = new Set(renamed.flat());
  for (const [f, t] of renamed) {
    c.add({ kind: 'index', action: 'different', object: `${table}.${quoteIdent(t.name)}`, table, attribute: 'name', from: f.name, to: t.name, severity: 'info', message: `index ${quoteIdent(f.name)} on ${table} is named ${quoteIdent(t.name)} in the source of truth` });
  }
  for (const i of m.missing.filter((x) => !paired.has(x))) {
    c.add({ kind: 'index', action: 'missing', object: `${table}.${quoteIdent(i.name)}`, table, severity: 'error', message: `index ${quoteIdent(i.name)} on ${table} is missing: ${i.definition}` });
  }
  for (const i of m.extra.filter((x) => !paired.has(x))) {
    c.add({ kind: 'index', action: 'extra', object: `${table}.${quoteIdent(i.name)}`, table, severity: 'warning', message: `index ${quoteIdent(i.name)} on ${table} is extra: ${i.definition}` });
  }
  for (const [f, t] of m.both) {
    const object = `${table}.${quoteIdent(t.name)}`;
    if (f.definition !== t.definition && !sameStatement(f.definition, t.definition)) {
      c.add({ kind: 'index', action: 'different', object, table, attribute: 'definition', from: f.definition, to: t.definition, severity: 'warning', message: `index ${quoteIdent(t.name)} on ${table} is ${indexShape(f)}, expected ${indexShape(t)}` });
    }
    c.comment(object, f.comment, t.comment, table);
  }
}

export function diffRls(c: Collector, from: TableDef, to: TableDef): void {
  const table = tableId(to);
  if (from.rls.enabled !== to.rls.enabled) {
    c.add({
      kind: 'rls',
      action: 'different',
      object: table,
      table,
      attribute: 'enabled',
      from: from.rls.enabled,
      to: to.rls.enabled,
      severity: to.rls.enabled ? 'error' : 'warning',
      message: to.rls.enabled ? `row level security is disabled on ${table}` : `row level security is enabled on ${table}, but not in the source of truth`,
    });
  }
  if (from.rls.forced !== to.rls.forced) {
    c.add({ kind: 'rls', action: 'different', object: table, table, attribute: 'forced', from: from.rls.forced, to: to.rls.forced, severity: 'warning', message: `row level security is ${to.rls.forced ? 'not forced' : 'forced'} on ${table}, unlike the source of truth` });
  }
}

const POLICY_ATTRIBUTES = ['permissive', 'command', 'roles', 'using', 'withCheck'] as const;

function policyValue(p: PolicyDef, attr: (typeof POLICY_ATTRIBUTES)[number]): string {
  const v = p[attr];
  if (attr === 'permissive') return v ? 'permissive' : 'restrictive';
  if (Array.isArray(v)) return v.join(', ');
  return v === undefined ? 'none' : String(v);
}

export function diffPolicies(c: Collector, from: TableDef, to: TableDef): void {
  const table = tableId(to);
  const m = match(from.policies, to.policies, (x) => x.name);
  for (const p of m.missing) {
    c.add({ kind: 'policy', action: 'missing', object: `${table}.${quoteIdent(p.name)}`, table, severity: 'error', message: `policy ${quoteIdent(p.name)} on ${table} (${p.command} to ${p.roles.join(', ')}) is missing` });
  }
  for (const p of m.extra) {
    c.add({ kind: 'policy', action: 'extra', object: `${table}.${quoteIdent(p.name)}`, table, severity: 'warning', message: `policy ${quoteIdent(p.name)} on ${table} (${p.command} to ${p.roles.join(', ')}) is extra` });
  }
  for (const [f, t] of m.both) {
    const object = `${table}.${quoteIdent(t.name)}`;
    for (const attr of POLICY_ATTRIBUTES) {
      const same = attr === 'using' || attr === 'withCheck' ? sameExpression(f[attr], t[attr]) : policyValue(f, attr) === policyValue(t, attr);
      if (same) continue;
      const label = attr === 'withCheck' ? 'WITH CHECK' : attr === 'using' ? 'USING' : attr;
      c.add({ kind: 'policy', action: 'different', object, table, attribute: attr, from: f[attr], to: t[attr], severity: 'error', message: `policy ${quoteIdent(t.name)} on ${table}: ${label} is ${policyValue(f, attr)}, expected ${policyValue(t, attr)}` });
    }
    c.comment(object, f.comment, t.comment, table);
  }
}

export function diffTableShape(c: Collector, from: TableDef, to: TableDef): void {
  const table = tableId(to);
  const shape = (t: TableDef) => ({
    partitioning: t.kind === 'partitioned table' ? `partitioned by ${t.partitionKey}` : 'not partitioned',
    'partition of': t.partitionOf ? `${t.partitionOf.table} ${t.partitionOf.bound}` : 'none',
    inherits: t.inherits?.join(', ') || 'none',
    persistence: t.unlogged ? 'unlogged' : 'logged',
  });
  const f = shape(from);
  const t = shape(to);
  for (const attr of Object.keys(f) as (keyof typeof f)[]) {
    if (f[attr] === t[attr]) continue;
    c.add({ kind: 'table', action: 'different', object: table, table, attribute: attr, from: f[attr], to: t[attr], severity: 'error', message: `table ${table}: ${attr} is ${f[attr]}, expected ${t[attr]}` });
  }
  c.comment(table, from.comment, to.comment, table);
}
