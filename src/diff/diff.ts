/**
 * `diff(from, to)`: what must change to turn `from` into `to`, object kind by object kind. Tables
 * missing or extra are reported once (not column by column); probable renames are reported as such.
 */
import { functionId, functionMatcher, qualify, quoteIdent, tableId } from '../model/ident.js';
import type { FunctionDef, MaterializedViewDef, PublicationDef, Schema, TableDef, ViewDef } from '../model/types.js';
import { compare } from '../model/normalize.js';
import { withPlatformPublications, withPlatformTables } from '../model/platform.js';
import { foreignKeyTypeMismatches, FK_TYPE_WHY, type ForeignKeyTypeMismatch } from '../model/foreign-keys.js';
import { Collector } from './collector.js';
import { defaultPrivilegePairs } from '../model/grants.js';
import { diffGrants } from './grants.js';
import { sameBody, sameExpression, sameStatement } from './equivalent.js';
import { match } from './match.js';
import { nameSimilarity, pairRenames, round2, type RenameDecision } from './renames.js';
import { diffColumns, diffConstraints, diffIndexes, diffPolicies, diffRls, diffTableShape } from './table.js';
import { severityRank, type Change, type ChangeKind } from './types.js';

export interface DiffOptions {
  /** Kinds the sources cannot both describe (a Prisma schema has no policies): left out. */
  skipKinds?: ChangeKind[];
  /** Rename decisions from the config. */
  renames?: RenameDecision[];
}

type Named = { schema: string; name: string };
const key = (x: Named) => qualify(x.schema, x.name);

function simpleObjects<T extends Named>(c: Collector, kind: ChangeKind, from: T[], to: T[], compareBoth: (f: T, t: T, object: string) => void): void {
  const m = match(from, to, key);
  for (const x of m.missing) c.add({ kind, action: 'missing', object: key(x), severity: 'error', message: `${kind} ${key(x)} is missing` });
  for (const x of m.extra) c.add({ kind, action: 'extra', object: key(x), severity: 'warning', message: `${kind} ${key(x)} is extra` });
  for (const [f, t] of m.both) compareBoth(f, t, key(t));
}

function attributes<T>(c: Collector, kind: ChangeKind, object: string, f: T, t: T, attrs: (keyof T & string)[], severity: Change['severity'], table?: string): void {
  for (const attr of attrs) {
    const a = JSON.stringify(f[attr] ?? null);
    const b = JSON.stringify(t[attr] ?? null);
    if (a === b) continue;
    c.add({ kind, action: 'different', object, ...(table ? { table } : {}), attribute: attr, from: f[attr], to: t[attr], severity, message: `${kind} ${object}: ${attr} is ${a}, expected ${b}` });
  }
}

function diffTables(c: Collector, fromTables: TableDef[], toTables: TableDef[], renames: RenameDecision[]): void {
  const from = withPlatformTables(fromTables, toTables);
  const to = withPlatformTables(toTables, fromTables);
  const m = match(from, to, tableId);
  const columnKeys = (t: TableDef) => new Set(t.columns.map((col) => `${col.name}:${col.type}`));
  const score = (f: TableDef, t: TableDef) => {
    if (f.schema !== t.schema) return undefined;
    const a = columnKeys(f);
    const b = columnKeys(t);
    const shared = [...a].filter((k) => b.has(k)).length;
    const jaccard = shared / (a.size + b.size - shared || 1);
    return jaccard < 0.5 ? undefined : 0.7 * jaccard + 0.3 * nameSimilarity(f.name, t.name);
  };
  const decided = (f: TableDef, t: TableDef) => renames.find((r) => r.kind === 'table' && r.from === tableId(f) && r.to === t.name)?.confirmed;
  const renamed = pairRenames(m.extra, m.missing, score, decided, 0.6);
  const paired = new Set(renamed.flatMap((r) => [r.from, r.to]));
  for (const r of renamed) {
    c.add({
      kind: 'table',
      action: 'rename',
      object: tableId(r.from),
      table: tableId(r.to),
      renamedTo: r.to.name,
      confidence: round2(r.confidence),
      severity: 'error',
      message: `table ${tableId(r.from)} is probably ${tableId(r.to)} renamed (confidence ${round2(r.confidence)})`,
    });
    m.both.push([r.from, r.to]);
  }
  for (const t of m.missing.filter((x) => !paired.has(x))) {
    c.add({ kind: 'table', action: 'missing', object: tableId(t), table: tableId(t), severity: 'error', message: `table ${tableId(t)} is missing (${t.columns.length} columns)` });
  }
  for (const t of m.extra.filter((x) => !paired.has(x))) {
    c.add({ kind: 'table', action: 'extra', object: tableId(t), table: tableId(t), severity: 'warning', message: `table ${tableId(t)} is extra (${t.columns.length} columns)` });
  }
  for (const [f, t] of m.both) {
    diffTableShape(c, f, t);
    diffColumns(c, f, t, renames);
    diffConstraints(c, f, t);
    diffIndexes(c, tableId(t), f.indexes, t.indexes);
    diffRls(c, f, t);
    diffPolicies(c, f, t);
    diffGrants(c, { kind: 'table', label: `table ${tableId(t)}`, object: tableId(t), table: tableId(t) }, f.grants, t.grants);
  }
}

/** Foreign keys in `from` whose column type differs from the referenced key's, unless `to` has the same mismatch. */
function foreignKeyTypes(c: Collector, from: Schema, to: Schema): void {
  const id = (m: ForeignKeyTypeMismatch) => JSON.stringify(m);
  const inTo = new Set(foreignKeyTypeMismatches(to).map(id));
  for (const m of foreignKeyTypeMismatches(from)) {
    if (inTo.has(id(m))) continue;
    c.add({
      kind: 'constraint',
      action: 'different',
      object: `${m.table}.${quoteIdent(m.constraint)}`,
      table: m.table,
      attribute: 'column type',
      from: m.type,
      to: m.referencedType,
      severity: 'error',
      message: `foreign key ${quoteIdent(m.constraint)} on ${m.table}: column ${quoteIdent(m.column)} is ${m.type} but references ${m.references}, which is ${m.referencedType}`,
      why: FK_TYPE_WHY,
    });
  }
}

function diffViews(c: Collector, kind: 'view' | 'materialized view', from: (ViewDef | MaterializedViewDef)[], to: (ViewDef | MaterializedViewDef)[]): void {
  simpleObjects(c, kind, from, to, (f, t, object) => {
    if (!sameStatement(f.definition, t.definition)) {
      c.add({ kind, action: 'different', object, attribute: 'definition', from: f.definition, to: t.definition, severity: 'warning', message: `${kind} ${object} has a different definition` });
    }
    const options = (v: ViewDef | MaterializedViewDef) => ('options' in v ? (v.options ?? []) : []);
    const fo = options(f).join(', ');
    const to_ = options(t).join(', ');
    if (fo !== to_) {
      const invoker = (v: ViewDef | MaterializedViewDef) => options(v).includes('security_invoker=true');
      const security = invoker(f) !== invoker(t);
      c.add({ kind, action: 'different', object, attribute: 'options', from: fo, to: to_, severity: security ? 'error' : 'warning', message: `${kind} ${object}: options are ${fo || 'none'}, expected ${to_ || 'none'}`, ...(security ? { why: 'A view that is not security_invoker runs with its owner\'s rights and bypasses the row level security of the tables it reads.' } : {}) });
    }
    if ('indexes' in f && 'indexes' in t) diffIndexes(c, object, f.indexes, t.indexes);
    diffGrants(c, { kind: 'table', label: `${kind} ${object}`, object }, f.grants, t.grants);
    c.comment(object, f.comment, t.comment);
  });
}

function diffFunctions(c: Collector, from: FunctionDef[], to: FunctionDef[]): void {
  const m = match(from, to, functionMatcher(from, to));
  for (const f of m.missing) c.add({ kind: 'function', action: 'missing', object: functionId(f), severity: 'error', message: `${f.kind} ${functionId(f)} is missing` });
  for (const f of m.extra) c.add({ kind: 'function', action: 'extra', object: functionId(f), severity: 'warning', message: `${f.kind} ${functionId(f)} is extra` });
  for (const [f, t] of m.both) {
    const object = functionId(t);
    attributes(c, 'function', object, f, t, ['returns', 'kind', 'standardBody'], 'error');
    attributes(c, 'function', object, f, t, ['args', 'language', 'volatility', 'strict', 'securityDefiner', 'leakproof', 'parallel', 'config', 'cost', 'rows'], 'warning');
    if (!sameBody(f.body, t.body, t.language)) {
      c.add({ kind: 'function', action: 'different', object, attribute: 'body', from: f.body, to: t.body, severity: 'warning', message: `${t.kind} ${object} has a different body` });
    }
    diffGrants(c, { kind: 'function', label: `${t.kind} ${object}`, object }, f.grants, t.grants);
    c.comment(object, f.comment, t.comment);
  }
}

function diffTriggers(c: Collector, from: Schema['triggers'], to: Schema['triggers']): void {
  const id = (t: Schema['triggers'][number]) => `${qualify(t.schema, t.table)}.${quoteIdent(t.name)}`;
  const m = match(from, to, id);
  for (const t of m.missing) c.add({ kind: 'trigger', action: 'missing', object: id(t), table: qualify(t.schema, t.table), severity: 'error', message: `trigger ${t.name} on ${qualify(t.schema, t.table)} is missing (executes ${t.function})` });
  for (const t of m.extra) c.add({ kind: 'trigger', action: 'extra', object: id(t), table: qualify(t.schema, t.table), severity: 'warning', message: `trigger ${t.name} on ${qualify(t.schema, t.table)} is extra (executes ${t.function})` });
  for (const [f, t] of m.both) {
    const table = qualify(t.schema, t.table);
    if (!sameStatement(f.definition, t.definition)) {
      c.add({ kind: 'trigger', action: 'different', object: id(t), table, attribute: 'definition', from: f.definition, to: t.definition, severity: 'warning', message: `trigger ${t.name} on ${table} is ${f.definition}, expected ${t.definition}` });
    }
    attributes(c, 'trigger', id(t), f, t, ['enabled'], 'warning', table);
    c.comment(id(t), f.comment, t.comment, table);
  }
}

/** Publications, and the tables each one publishes (Supabase Realtime listens to `supabase_realtime`). */
function diffPublications(c: Collector, fromPubs: PublicationDef[], toPubs: PublicationDef[]): void {
  const from = withPlatformPublications(fromPubs, toPubs);
  const to = withPlatformPublications(toPubs, fromPubs);
  const m = match(from, to, (p) => p.name);
  const id = (p: PublicationDef) => quoteIdent(p.name);
  for (const p of m.missing) c.add({ kind: 'publication', action: 'missing', object: id(p), severity: 'error', message: `publication ${id(p)} is missing${p.tables.length ? ` (publishes ${p.tables.join(', ')})` : ''}` });
  for (const p of m.extra) c.add({ kind: 'publication', action: 'extra', object: id(p), severity: 'warning', message: `publication ${id(p)} is extra` });
  for (const [f, t] of m.both) {
    attributes(c, 'publication', id(t), f, t, ['allTables', 'operations', 'schemas'], 'warning');
    const member = match(f.tables, t.tables, (x) => x);
    for (const table of member.missing) c.add({ kind: 'publication', action: 'missing', object: `${id(t)}.${table}`, table, severity: 'error', message: `table ${table} is not in publication ${id(t)}` });
    for (const table of member.extra) c.add({ kind: 'publication', action: 'extra', object: `${id(t)}.${table}`, table, severity: 'warning', message: `table ${table} is in publication ${id(t)}, unlike the source of truth` });
  }
}

export function diff(from: Schema, to: Schema, options: DiffOptions = {}): Change[] {
  const c = new Collector(new Set(options.skipKinds ?? []));
  const byName = <T extends { name: string }>(kind: ChangeKind, f: T[], t: T[], check?: (a: T, b: T) => void) => {
    const m = match(f, t, (x) => x.name);
    for (const x of m.missing) c.add({ kind, action: 'missing', object: x.name, severity: 'error', message: `${kind} ${x.name} is missing` });
    for (const x of m.extra) c.add({ kind, action: 'extra', object: x.name, severity: 'warning', message: `${kind} ${x.name} is extra` });
    for (const [a, b] of m.both) check?.(a, b);
  };
  byName('schema', from.schemas, to.schemas, (a, b) => {
    c.comment(`schema ${a.name}`, a.comment, b.comment);
    diffGrants(c, { kind: 'schema', label: `schema ${quoteIdent(b.name)}`, object: b.name }, a.grants, b.grants);
  });
  byName('extension', from.extensions, to.extensions, (a, b) => attributes(c, 'extension', a.name, a, b, ['schema'], 'warning'));
  simpleObjects(c, 'collation', from.collations ?? [], to.collations ?? [], (f, t, object) => {
    attributes(c, 'collation', object, f, t, ['provider', 'locale', 'lcCollate', 'lcCtype', 'deterministic'], 'error');
    c.comment(object, f.comment, t.comment);
  });
  simpleObjects(c, 'enum', from.enums, to.enums, (f, t, object) => {
    const lacking = t.values.filter((v) => !f.values.includes(v));
    const added = f.values.filter((v) => !t.values.includes(v));
    if (lacking.length) c.add({ kind: 'enum', action: 'different', object, attribute: 'values', from: f.values, to: t.values, severity: 'error', message: `enum ${object} lacks ${lacking.map((v) => `'${v}'`).join(', ')}` });
    if (added.length) c.add({ kind: 'enum', action: 'different', object, attribute: 'values', from: f.values, to: t.values, severity: 'warning', message: `enum ${object} has extra ${added.map((v) => `'${v}'`).join(', ')}` });
    if (!lacking.length && !added.length && f.values.join() !== t.values.join()) c.add({ kind: 'enum', action: 'different', object, attribute: 'order', from: f.values, to: t.values, severity: 'info', message: `enum ${object} lists its values in a different order` });
    c.comment(object, f.comment, t.comment);
    diffGrants(c, { kind: 'type', label: `type ${object}`, object }, f.grants, t.grants);
  });
  simpleObjects(c, 'domain', from.domains, to.domains, (f, t, object) => {
    attributes(c, 'domain', object, f, t, ['type', 'notNull', 'collation', 'checks'], 'error');
    if (!sameExpression(f.default, t.default)) attributes(c, 'domain', object, f, t, ['default'], 'error');
    c.comment(object, f.comment, t.comment);
    diffGrants(c, { kind: 'type', label: `domain ${object}`, object }, f.grants, t.grants);
  });
  simpleObjects(c, 'type', from.compositeTypes, to.compositeTypes, (f, t, object) => {
    attributes(c, 'type', object, f, t, ['attributes'], 'error');
    c.comment(object, f.comment, t.comment);
    diffGrants(c, { kind: 'type', label: `type ${object}`, object }, f.grants, t.grants);
  });
  simpleObjects(c, 'type', from.rangeTypes ?? [], to.rangeTypes ?? [], (f, t, object) => {
    attributes(c, 'type', object, f, t, ['subtype', 'opclass', 'collation', 'canonical', 'subtypeDiff', 'multirange'], 'error');
    c.comment(object, f.comment, t.comment);
    diffGrants(c, { kind: 'type', label: `type ${object}`, object }, f.grants, t.grants);
  });
  // A serial column's sequence comes and goes with its table: reported through the table.
  const tableKeys = (s: Schema) => new Set(s.tables.map(tableId));
  const ownedByTableIn = (keys: Set<string>) => (s: Schema['sequences'][number]) => !s.ownedBy || [...keys].some((k) => s.ownedBy!.startsWith(`${k}.`));
  simpleObjects(c, 'sequence', from.sequences.filter(ownedByTableIn(tableKeys(to))), to.sequences.filter(ownedByTableIn(tableKeys(from))), (f, t, object) => {
    attributes(c, 'sequence', object, f, t, ['type', 'start', 'increment', 'min', 'max', 'cache', 'cycle', 'ownedBy'], 'warning');
    diffGrants(c, { kind: 'sequence', label: `sequence ${object}`, object }, f.grants, t.grants);
    c.comment(object, f.comment, t.comment);
  });
  diffTables(c, from.tables, to.tables, options.renames ?? []);
  foreignKeyTypes(c, from, to);
  diffViews(c, 'view', from.views, to.views);
  diffViews(c, 'materialized view', from.materializedViews, to.materializedViews);
  diffFunctions(c, from.functions, to.functions);
  diffTriggers(c, from.triggers, to.triggers);
  diffPublications(c, from.publications ?? [], to.publications ?? []);
  for (const d of defaultPrivilegePairs(from.defaultPrivileges ?? [], to.defaultPrivileges ?? [])) {
    const object = `default privileges ${d.scope} on ${d.on}`;
    diffGrants(c, { kind: d.kind, label: `${d.on} that ${d.scope.replace(/^for role /, '')} creates (default privileges)`, object }, d.from, d.to);
  }
  return sortChanges(c.changes);
}

/** Most severe first, then by table and object, so reports read top-down. */
export function sortChanges(changes: Change[]): Change[] {
  return [...changes].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || compare(a.table ?? a.object, b.table ?? b.object) || compare(a.object, b.object) || compare(a.kind, b.kind),
  );
}
