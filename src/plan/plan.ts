/**
 * `plan(from, to)`: ordered SQL that turns a database in state `from` into `to`.
 *
 * Safe by default: objects are created and changed in place; nothing that only `from` has is dropped
 * and no column loses data unless `allowDestructive` — those changes are withheld and listed. Views
 * and materialized views that read a changed table are dropped and rebuilt (they hold no data of
 * their own). Steps carry a phase, so the order follows dependencies: types and sequences before
 * tables, tables before constraints and indexes, functions before the triggers and policies that use
 * them, views rebuilt after their tables change, drops last and in reverse.
 */
import { functionsCalled, relationsRead } from '../audit/expressions.js';
import { diff } from '../diff/diff.js';
import { match } from '../diff/match.js';
import type { RenameDecision } from '../diff/renames.js';
import type { Change } from '../diff/types.js';
import { sameBody, sameConstraint, sameExpression, sameStatement } from '../diff/equivalent.js';
import { columnId, functionId, functionMatcher, mentions, printable, qualify, quoteIdent, quoteLiteral, regclass, tableId } from '../model/ident.js';
import type { ColumnDef, CompositeTypeDef, DomainDef, FunctionDef, GrantDef, MaterializedViewDef, ObjectRef, PolicyDef, RangeTypeDef, Schema, TableDef, ViewDef } from '../model/types.js';
import { functionRef, refKey, usedBy, usersOf } from '../model/dependencies.js';
import { identityValues } from '../model/identity-options.js';
import * as ddl from './ddl.js';
import { castVia, hasCast, isWidening } from './casts.js';
import { withEscapedLiterals } from '../sources/sql.js';
import { withPlatformPublications, withPlatformTables } from '../model/platform.js';
import { defaultPrivilegePairs, grantDeltas, grantees, grantStatements, initialGrants, type GrantKind } from '../model/grants.js';

export interface PlanOptions {
  allowDestructive?: boolean;
  /** Rename decisions from the config: confirmed ones become RENAME. */
  renames?: RenameDecision[];
  /** For a new NOT NULL column: add it nullable, leave a backfill step, then set NOT NULL. */
  backfill?: boolean;
}

export interface PlanStep {
  phase: number;
  sql: string;
  /** What data the step loses, for destructive steps. */
  destructive?: string;
  /** Something the user must know (a backfill, a lock). */
  note?: string;
}

export interface Plan {
  steps: PlanStep[];
  /** Differences the plan does not remove: destructive ones without the flag, and what it cannot plan. */
  withheld: { object: string; reason: string }[];
}

const P = {
  preamble: 0, schema: 10, extension: 11, defaultPrivileges: 12, collation: 19, type: 20, sequence: 20.5, enumValue: 21, func: 30, domainUsingFunctions: 31, dropView: 35,
  dropForeignKey: 36, dropConstraint: 37, dropIndex: 37, dropTable: 38, recreateFunction: 38.5, rename: 40,
  table: 45, funcOfTables: 46, column: 50, alterColumn: 51, sequenceOwner: 52, attach: 53, funcReadingTables: 54, constraint: 56, foreignKey: 57,
  index: 61, view: 65, funcOfViews: 66, rls: 70, dropPolicy: 74, policy: 75, trigger: 80, publication: 82, grant: 83, comment: 85, drop: 90,
} as const;

const key = (x: { schema: string; name: string }) => qualify(x.schema, x.name);

/**
 * A function or type, which depend on each other both ways (a function takes a domain; a domain's
 * CHECK calls a function): `id` is how the others name it, `deps` the names it depends on.
 */
interface Dependent {
  id: string;
  deps: string[];
}

/** The schema-qualified names in a text PostgreSQL printed under an empty search_path (a signature, a type): what it names of the schema's own. */
const qualifiedNames = (text: string) => text.match(/(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)\.(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)/g) ?? [];

/** The functions an expression or a CHECK calls (in a domain's CHECK, VALUE stands for the value). */
const expressionCalls = (e: string | undefined) => (e ? functionsCalled(`select ${e.replace(/^CHECK /, '').replace(/\bVALUE\b/g, 'null')}`) : []);

/** What each kind of type depends on: the types it is made of, and the functions it calls. */
const typeDeps = {
  domain: (d: DomainDef): Dependent => ({ id: key(d), deps: [...qualifiedNames(d.type), ...[d.default, ...d.checks.map((c) => c.expression)].flatMap(expressionCalls)] }),
  composite: (c: CompositeTypeDef): Dependent => ({ id: key(c), deps: c.attributes.flatMap((x) => qualifiedNames(x.type)) }),
  range: (r: RangeTypeDef): Dependent => ({ id: key(r), deps: qualifiedNames(`${r.subtype} ${r.canonical ?? ''} ${r.subtypeDiff ?? ''}`) }),
  /** What a function takes or returns (the types its signature names), and what a SQL-standard body calls. */
  func: (f: FunctionDef): Dependent => ({ id: `${f.schema}.${f.name}`, deps: [...qualifiedNames(`${f.args} ${f.returns ?? ''}`), ...(f.standardBody ? functionsCalled(ddl.createFunction(f)) : [])] }),
};

/** What a table depends on, for the order of drops: the tables it references and inherits from, and its columns' types. */
function tableDeps(t: TableDef): Dependent {
  const references = t.constraints.flatMap((k) => (k.references && k.references.table !== tableId(t) ? [k.references.table] : []));
  return { id: tableId(t), deps: [...references, ...(t.inherits ?? []), ...(t.partitionOf ? [t.partitionOf.table] : []), ...t.columns.flatMap((c) => qualifiedNames(c.type))] };
}

class Planner {
  readonly steps: PlanStep[] = [];
  readonly withheld: Plan['withheld'] = [];
  /** Sequences of serial columns that become identity columns (see ddl.serialToIdentity). */
  serialsBecomingIdentity = new Set<string>();
  /** The target's default privileges, which the plan sets before it creates anything. */
  defaults: Schema['defaultPrivileges'] = [];
  /** Per table, the columns its INHERITS children have in the target. */
  childColumns = new Map<string, Set<string>>();
  /** Functions with a SQL-standard body that reads a view: created among the views, in dependency order. */
  functionsAmongViews: { func: FunctionDef; sql: string }[] = [];
  /** Each function of `from` that `to` has too, and its definition there. */
  functionTargets = new Map<FunctionDef, FunctionDef>();
  /** Functions of `from` with a SQL-standard body that reads a table or view, which `to` does not have: dropped among the views, before what they read. */
  functionsDroppedAmongViews = new Set<FunctionDef>();
  /** New functions and types (enums aside), created by placeInOrder each after what it depends on. */
  creations: (Dependent & { sql: string })[] = [];
  /** Drops of functions and types, placed by placeInOrder each before what it depends on. */
  drops: (Dependent & { object: string; sql: string; loses: string })[] = [];
  /** Functions of `from` dropped and created again (their result, kind or argument names change, or they use one that is), in creation order: what uses them is rebuilt around them. */
  recreated: FunctionDef[] = [];
  /** Tables the plan creates, as tableId() names them. */
  newTables = new Set<string>();
  /** Tables the plan drops, as tableId() names them. */
  droppedTables = new Set<string>();
  constructor(readonly options: PlanOptions) {}

  /** What a new object holds when created: planned grants start from there. */
  created(kind: GrantKind, schema: string): GrantDef[] | undefined {
    return initialGrants(kind, schema, this.defaults);
  }

  add(phase: number, sql: string, extra: Omit<PlanStep, 'phase' | 'sql'> = {}): void {
    this.steps.push({ phase, sql, ...extra });
  }

  /** A drop: planned with --allow-destructive (marked with what it loses), otherwise withheld. */
  drop(phase: number, object: string, sql: string, loses: string): void {
    if (this.options.allowDestructive) this.add(phase, sql, { destructive: loses });
    else this.withheld.push({ object, reason: `${loses}: needs --allow-destructive` });
  }

  cannot(object: string, reason: string): void {
    this.withheld.push({ object, reason });
  }
}

/**
 * GRANT and REVOKE that give an object `to`'s privileges; `from` undefined for an object the plan
 * creates (or recreates), which starts with its kind's default.
 */
function planGrants(p: Planner, kind: GrantKind, on: string, from: GrantDef[] | undefined, to: GrantDef[] | undefined, column?: string): void {
  for (const d of grantDeltas(kind, from, to)) for (const sql of grantStatements(kind, on, d, column)) p.add(P.grant, sql);
}

/**
 * Grants of an object the plan creates. Default privileges may give it more at once, depending on
 * the role the plan runs as: what they could give and the target lacks is revoked, and what the
 * target grants is granted whatever they gave.
 */
function planCreatedGrants(p: Planner, kind: GrantKind, on: string, schema: string, to: GrantDef[] | undefined): void {
  const initial = p.created(kind, schema);
  // A role that default privileges are set for creates objects: the new one may be its own, and an
  // owner's privileges are not in the model, so none is revoked from it.
  const creators = new Set(p.defaults.map((d) => d.role));
  const revoking = grantDeltas(kind, initial, to).filter((d) => !creators.has(d.grantee));
  const statements = new Set([...revoking, ...(initial ? grantDeltas(kind, undefined, to) : [])].flatMap((d) => grantStatements(kind, on, d)));
  for (const sql of statements) p.add(P.grant, sql);
}

/** Apply confirmed renames to a copy of `from`, returning the RENAME statements. */
function applyRenames(from: Schema, renames: RenameDecision[], p: Planner): Schema {
  const copy = structuredClone(from);
  for (const r of renames.filter((x) => x.confirmed)) {
    if (r.kind === 'table') {
      const t = copy.tables.find((x) => tableId(x) === r.from);
      if (!t) continue;
      p.add(P.rename, `alter table if exists ${tableId(t)} rename to ${quoteIdent(r.to)};`);
      t.name = r.to;
    } else {
      for (const t of copy.tables) {
        const c = t.columns.find((x) => columnId(t, x.name) === r.from);
        if (!c) continue;
        const has = (col: string) => `exists (select 1 from pg_attribute where attrelid = ${regclass(tableId(t))} and attname = ${quoteLiteral(col)} and not attisdropped)`;
        p.add(P.rename, ddl.doIf(`${has(c.name)} and not ${has(r.to)}`, `alter table ${tableId(t)} rename column ${quoteIdent(c.name)} to ${quoteIdent(r.to)}`));
        c.name = r.to;
      }
    }
  }
  return copy;
}

function planColumns(p: Planner, f: TableDef, t: TableDef, changedTables: Set<string>): void {
  const table = tableId(t);
  // What a child only inherits comes and goes with its parent's column.
  const own = (x: TableDef) => x.columns.filter((c) => !(c.inherited && x.inherits?.length));
  const m = match(own(f), own(t), (c) => c.name);
  for (const c of m.missing) {
    // A column the child only inherits becomes its own when the parent's is dropped (ONLY, see below): without --allow-destructive it stays inherited.
    if (!p.options.allowDestructive && f.columns.some((x) => x.name === c.name)) {
      p.cannot(columnId(t, c.name), `${columnId(t, c.name)} stays inherited from ${(f.inherits ?? []).join(', ')} until the column is dropped there, which needs --allow-destructive`);
      continue;
    }
    if (c.notNull && c.default === undefined && !c.identity && !c.generated) {
      if (p.options.backfill) {
        p.add(P.column, `alter table ${table} add column if not exists ${ddl.columnSql({ ...c, notNull: false })};`);
        p.add(P.column, `-- backfill ${table}.${quoteIdent(c.name)} before it becomes NOT NULL, e.g.:\n-- update ${table} set ${quoteIdent(c.name)} = <value> where ${quoteIdent(c.name)} is null;`);
        p.add(P.alterColumn, `alter table ${table} alter column ${quoteIdent(c.name)} set not null;`);
        continue;
      }
      p.add(P.column, `alter table ${table} add column if not exists ${ddl.columnSql(c)};`, { note: `fails if ${table} has rows: add it nullable, backfill, then set NOT NULL (plan --backfill writes that sequence)` });
      continue;
    }
    p.add(P.column, `alter table ${table} add column if not exists ${ddl.columnSql(c)};`);
  }
  for (const c of m.extra) {
    // ONLY keeps the column in the children (as their own) where the target keeps it there.
    const only = p.childColumns.get(table)?.has(c.name) ? 'only ' : '';
    // A child's own copy of an inherited column can be dropped once the parent's is gone.
    const phase = f.inherits?.length ? P.drop + 1 : P.drop;
    p.drop(phase, columnId(f, c.name), `alter table ${only}${table} drop column if exists ${quoteIdent(c.name)};`, `drops column ${columnId(f, c.name)} and its data`);
    changedTables.add(table);
  }
  // A primary key the plan may not drop (no --allow-destructive) keeps its columns NOT NULL.
  const pk = f.constraints.find((k) => k.type === 'primary key');
  const keptKey = pk && !p.options.allowDestructive && !t.constraints.some((k) => k.name === pk.name) ? pk : undefined;
  for (const [a, b] of m.both) {
    if (keptKey?.columns.includes(b.name) && a.notNull && !b.notNull) {
      planColumnChange(p, table, a, { ...b, notNull: true }, changedTables);
      p.cannot(columnId(t, b.name), `${columnId(t, b.name)} stays NOT NULL while the primary key ${quoteIdent(keptKey.name)} holds it, and dropping the key needs --allow-destructive`);
    } else planColumnChange(p, table, a, b, changedTables);
  }
}

/** The sequence a column's default draws from (`nextval('public.t_id_seq'::regclass)`), if any. */
const sequenceOf = (c: ColumnDef) => /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(c.default ?? '')?.[1]?.replace(/''/g, "'");

/** Serial columns of `from` that are identity columns in `to`: their sequences, which the identity replaces. */
function serialsBecomingIdentity(from: Schema, to: Schema): Set<string> {
  const out = new Set<string>();
  const owned = new Map(from.sequences.filter((s) => s.ownedBy).map((s) => [key(s), s.ownedBy]));
  const target = new Map(to.tables.map((t) => [tableId(t), t]));
  for (const t of from.tables) {
    for (const c of t.columns) {
      const seq = sequenceOf(c);
      const b = target.get(tableId(t))?.columns.find((x) => x.name === c.name);
      if (seq && !c.identity && b?.identity && owned.get(seq) === columnId(t, c.name)) out.add(seq);
    }
  }
  return out;
}

function planColumnChange(p: Planner, table: string, a: ColumnDef, b: ColumnDef, changedTables: Set<string>): void {
  const col = `alter table ${table} alter column ${quoteIdent(b.name)}`;
  if ((a.generated ?? '') !== (b.generated ?? '') && !sameExpression(a.generated, b.generated)) {
    // A generated column holds nothing of its own: rebuild it.
    p.add(P.alterColumn, `alter table ${table} drop column if exists ${quoteIdent(b.name)};\nalter table ${table} add column ${ddl.columnSql(b)};`);
    changedTables.add(table);
    return;
  }
  const serial = sequenceOf(a);
  // A serial column becoming an identity column is converted in one step (ddl.serialToIdentity).
  const becomesIdentity = !a.identity && b.identity !== undefined && serial !== undefined && p.serialsBecomingIdentity.has(serial);
  const typeChanged = a.type !== b.type || (a.collation ?? '') !== (b.collation ?? '');
  const defaultChanged = !sameExpression(a.default, b.default);
  if (typeChanged && !hasCast(a.type, b.type)) {
    p.cannot(`${table}.${quoteIdent(b.name)}`, `${table}.${quoteIdent(b.name)} changes from ${a.type} to ${b.type}, between which PostgreSQL has no cast: change it by hand with a USING expression that converts the values`);
    return;
  }
  if (typeChanged) {
    const sql = [
      ...(a.default !== undefined ? [`${col} drop default;`] : []),
      `${col} type ${b.type}${b.collation ? ` collate ${quoteIdent(b.collation)}` : ''} using ${quoteIdent(b.name)}${castVia(a.type, b.type)}::${b.type};`,
      ...(b.default !== undefined ? [`${col} set default ${b.default};`] : []),
    ].join('\n');
    changedTables.add(table);
    if (isWidening(a.type, b.type)) p.add(P.alterColumn, sql, { note: `rewrites ${table} under an exclusive lock` });
    else p.drop(P.alterColumn, `${table}.${quoteIdent(b.name)}`, sql, `changes ${table}.${quoteIdent(b.name)} from ${a.type} to ${b.type}, which can fail or lose precision for existing values`);
  } else if (defaultChanged && !becomesIdentity) {
    p.add(P.alterColumn, b.default === undefined ? `${col} drop default;` : `${col} set default ${b.default};`);
  }
  // An identity needs NOT NULL: set it before adding one, drop it only after the identity is gone.
  if (!a.notNull && b.notNull) p.add(P.alterColumn, `${col} set not null;`, { note: `fails if ${table}.${quoteIdent(b.name)} has nulls` });
  if (a.identity !== b.identity) {
    if (!b.identity) p.add(P.alterColumn, `${col} drop identity if exists;`);
    else if (becomesIdentity) p.add(P.alterColumn, ddl.serialToIdentity(table, b.name, serial!, b.identity, ddl.identityOptions(b)));
    else if (!a.identity) p.add(P.alterColumn, `${col} add generated ${b.identity} as identity${ddl.identityOptions(b)};`);
    else p.add(P.alterColumn, `${col} set generated ${b.identity};`);
  }
  // Options of an identity kept: every one set, so that those back to their default are too. A
  // sequence turned to count the other way starts again: its position is outside its new range.
  if (a.identity && b.identity && (a.identityOptions ?? '') !== (b.identityOptions ?? '')) {
    const descending = (c: ColumnDef) => BigInt(identityValues(c.type, c.identityOptions).increment) < 0n;
    const sql = `${col} ${ddl.setIdentityOptions(b)}`;
    if (descending(a) === descending(b)) p.add(P.alterColumn, `${sql};`);
    else p.drop(P.alterColumn, `${table}.${quoteIdent(b.name)}`, `${sql} restart;`, `restarts the identity of ${table}.${quoteIdent(b.name)}, which now counts the other way, at its start: new ids may repeat old ones`);
  }
  if (a.notNull && !b.notNull) p.add(P.alterColumn, `${col} drop not null;`);
}

/** Attach or detach a partition, add or remove an inheritance parent. */
function planPartitionAndInheritance(p: Planner, a: TableDef, b: TableDef): void {
  const table = tableId(b);
  const same = (x?: TableDef['partitionOf'], y?: TableDef['partitionOf']) => x?.table === y?.table && x?.bound === y?.bound;
  if (!same(a.partitionOf, b.partitionOf)) {
    if (a.partitionOf) p.add(P.dropTable, `alter table ${a.partitionOf.table} detach partition ${table};`);
    if (b.partitionOf) p.add(P.attach, `alter table ${b.partitionOf.table} attach partition ${table} ${b.partitionOf.bound};`);
  }
  const before = a.inherits ?? [];
  const after = b.inherits ?? [];
  for (const parent of before.filter((x) => !after.includes(x))) p.add(P.dropTable, `alter table ${table} no inherit ${parent};`);
  for (const parent of after.filter((x) => !before.includes(x))) p.add(P.attach, `alter table ${table} inherit ${parent};`);
}

function planTableParts(p: Planner, f: TableDef | undefined, t: TableDef): void {
  const table = tableId(t);
  const fromConstraints = f?.constraints ?? [];
  const cm = match(fromConstraints, t.constraints, (k) => k.name);
  for (const k of cm.missing) p.add(k.type === 'foreign key' ? P.foreignKey : P.constraint, ddl.addConstraint(table, k));
  const dropPhase = (k: { type: string }) => (k.type === 'foreign key' ? P.dropForeignKey : P.dropConstraint);
  for (const [a, b] of cm.both) {
    if (sameConstraint(a, b)) continue;
    p.add(dropPhase(a), `alter table ${table} drop constraint if exists ${quoteIdent(a.name)};`);
    p.add(b.type === 'foreign key' ? P.foreignKey : P.constraint, ddl.addConstraint(table, b));
  }
  for (const k of cm.extra) p.drop(dropPhase(k), `${table}.${quoteIdent(k.name)}`, `alter table ${table} drop constraint if exists ${quoteIdent(k.name)};`, `drops constraint ${quoteIdent(k.name)} on ${table}`);

  planIndexes(p, t.schema, table, f?.indexes ?? [], t.indexes);

  const rlsFrom = f?.rls ?? { enabled: false, forced: false };
  if (rlsFrom.enabled !== t.rls.enabled) p.add(P.rls, `alter table ${table} ${t.rls.enabled ? 'enable' : 'disable'} row level security;`);
  if (rlsFrom.forced !== t.rls.forced) p.add(P.rls, `alter table ${table} ${t.rls.forced ? '' : 'no '}force row level security;`);

  planComments(p, fromConstraints, t.constraints, (k) => k.name, (k) => `constraint ${quoteIdent(k.name)} on ${table}`);
  planComments(p, f?.policies ?? [], t.policies, (x) => x.name, (x) => `policy ${quoteIdent(x.name)} on ${table}`);
  const pm = match(f?.policies ?? [], t.policies, (x) => x.name);
  for (const x of pm.missing) p.add(P.policy, ddl.createPolicy(table, x));
  for (const [a, b] of pm.both) {
    if (samePolicy(a, b)) continue;
    p.add(P.dropPolicy, ddl.dropPolicy(table, a.name));
    p.add(P.policy, ddl.createPolicy(table, b));
  }
  for (const x of pm.extra) p.drop(P.drop, `${table}.${quoteIdent(x.name)}`, ddl.dropPolicy(table, x.name), `drops policy ${quoteIdent(x.name)} on ${table}, changing who can reach its rows`);

  if ((f?.comment ?? undefined) !== t.comment) p.add(P.comment, ddl.commentOn(`table ${table}`, t.comment));
  planComments(p, f?.columns ?? [], t.columns, (c) => c.name, (c) => `column ${table}.${quoteIdent(c.name)}`);
  if (f) planGrants(p, 'table', `table ${table}`, f.grants, t.grants);
  else planCreatedGrants(p, 'table', `table ${table}`, t.schema, t.grants);
  const columnsBefore = new Map((f?.columns ?? []).map((c) => [c.name, c]));
  for (const c of t.columns) planGrants(p, 'column', `table ${table}`, columnsBefore.get(c.name)?.grants, c.grants, c.name);
}

/** Whether two policies of one name do the same (their expressions compared by meaning). */
function samePolicy(a: PolicyDef, b: PolicyDef): boolean {
  return a.permissive === b.permissive && a.command === b.command && a.roles.join() === b.roles.join() && sameExpression(a.using, b.using) && sameExpression(a.withCheck, b.withCheck);
}

/** `comment on …` for every object of `to` whose comment differs from its counterpart in `from`. */
function planComments<T extends { comment?: string }>(p: Planner, from: T[], to: T[], id: (x: T) => string, what: (x: T) => string): void {
  const before = new Map(from.map((x) => [id(x), x.comment]));
  for (const x of to) if (before.get(id(x)) !== x.comment && (before.has(id(x)) || x.comment !== undefined)) p.add(P.comment, ddl.commentOn(what(x), x.comment));
}

function planIndexes(p: Planner, schema: string, owner: string, from: TableDef['indexes'], to: TableDef['indexes']): void {
  planComments(p, from, to, (i) => i.name, (i) => `index ${qualify(schema, i.name)}`);
  const im = match(from, to, (i) => i.name);
  for (const i of im.missing) p.add(P.index, ddl.createIndex(i));
  for (const [a, b] of im.both) {
    if (a.definition === b.definition) continue;
    p.add(P.dropIndex, `drop index if exists ${qualify(schema, a.name)};`);
    p.add(P.index, ddl.createIndex(b));
  }
  for (const i of im.extra) p.drop(P.dropIndex, `${owner}.${quoteIdent(i.name)}`, `drop index if exists ${qualify(schema, i.name)};`, `drops index ${qualify(schema, i.name)}`);
}

type AnyView = (ViewDef & { kind: 'view' }) | (MaterializedViewDef & { kind: 'materialized view' });

/** Items in dependency order: each after those it depends on (by key; keys of other objects are ignored). */
function topological<T>(items: T[], keyOf: (x: T) => string, dependsOn: (x: T) => string[]): T[] {
  const byKey = new Map<string, T[]>();
  for (const x of items) {
    const k = keyOf(x);
    const same = byKey.get(k);
    if (same) same.push(x);
    else byKey.set(k, [x]);
  }
  const out: T[] = [];
  const seen = new Set<T>();
  const visit = (x: T) => {
    if (seen.has(x)) return;
    seen.add(x);
    for (const d of dependsOn(x)) for (const dep of byKey.get(d) ?? []) visit(dep);
    out.push(x);
  };
  items.forEach(visit);
  return out;
}

/**
 * Views and materialized views, with the functions whose SQL-standard bodies read them (PostgreSQL
 * records what such a body reads, as it does for a view): returns the views dropped and created
 * again (`schema.name`).
 */
function planViews(p: Planner, from: Schema, to: Schema, changedTables: Set<string>): Set<string> {
  const all = (s: Schema): AnyView[] => [...s.views.map((v) => ({ ...v, kind: 'view' as const })), ...s.materializedViews.map((m) => ({ ...m, kind: 'materialized view' as const }))];
  const fromViews = all(from);
  const toViews = all(to);
  type Node = { view: AnyView } | { func: FunctionDef; sql: string };
  const nodeKey = (n: Node) => ('view' in n ? `${n.view.schema}.${n.view.name}` : `${n.func.schema}.${n.func.name}`);
  // Each statement is parsed once: the fixed point below and both sorts read it again and again.
  const parsed = new Map<Node, { reads: string[]; calls: string[] }>();
  const fromFunctions = new Set(from.functions);
  const fromViewSet = new Set(fromViews);
  const refs = (n: Node) => {
    let r = parsed.get(n);
    if (!r) {
      const sql = 'view' in n ? n.view.definition : n.sql;
      r = { reads: relationsRead(sql), calls: functionsCalled(sql) };
      // What the catalog adds for an object of `from`: what it uses as pg_depend records it (for a
      // function, the relations whose row types it takes or returns; for a view, what its query uses).
      const ref: ObjectRef | undefined = 'func' in n ? (fromFunctions.has(n.func) ? functionRef(n.func) : undefined) : fromViewSet.has(n.view) ? { kind: 'view', schema: n.view.schema, name: n.view.name } : undefined;
      for (const u of ref ? usedBy(from, ref) : []) {
        if (u.kind === 'table' || u.kind === 'view') r.reads.push(`${u.schema}.${u.name}`);
        else if (u.kind === 'function') r.calls.push(`${u.schema}.${u.name}`);
      }
      parsed.set(n, r);
    }
    return r;
  };
  const dependsOn = (n: Node) => [...refs(n).reads, ...refs(n).calls];
  const m = match(fromViews, toViews, (v) => `${v.kind}:${key(v)}`);
  const target = p.functionTargets;
  const fromNodes: Node[] = [...fromViews.map((view) => ({ view })), ...from.functions.filter((f) => f.standardBody || p.functionsDroppedAmongViews.has(f)).map((func) => ({ func, sql: ddl.createFunction(func) }))];
  // Rebuild: changed views, and (transitively) whatever reads a rebuilt view or changed table or calls a rebuilt or recreated function.
  const rebuild = new Set<string>();
  for (const [a, b] of m.both) {
    const sameOptions = (('options' in a ? a.options : undefined) ?? []).join() === (('options' in b ? b.options : undefined) ?? []).join();
    if (!sameStatement(a.definition, b.definition) || !sameOptions) rebuild.add(`${a.schema}.${a.name}`);
  }
  const changed = new Set([...changedTables].map((t) => t.replaceAll('"', '')));
  const recreatedNames = new Set(p.recreated.map((f) => `${f.schema}.${f.name}`));
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of fromNodes) {
      const k = nodeKey(n);
      if (rebuild.has(k)) continue;
      if (refs(n).reads.some((r) => rebuild.has(r) || changed.has(r)) || refs(n).calls.some((c) => rebuild.has(c) || recreatedNames.has(c))) {
        rebuild.add(k);
        grew = true;
      }
    }
  }
  const extra = new Set(m.extra.map((v) => `${v.kind}:${key(v)}`));
  const recreated: Node[] = [];
  for (const n of topological(fromNodes, nodeKey, dependsOn).reverse()) {
    if ('func' in n) {
      // A function whose body reads tables or views is dropped here, before them: one the target
      // does not have, or one to rebuild (it reads a rebuilt view), which is created again below.
      if (p.functionsDroppedAmongViews.has(n.func)) p.drop(P.dropView, functionId(n.func), ddl.dropFunction(n.func), dropsFunction(n.func));
      const b = target.get(n.func);
      if (!b || !rebuild.has(nodeKey(n))) continue;
      p.add(P.dropView, ddl.dropFunction(n.func));
      if (!p.functionsAmongViews.some((x) => x.func === b)) recreated.push({ func: b, sql: ddl.createFunction(b) });
      planCreatedGrants(p, 'function', `${b.kind} ${functionId(b)}`, b.schema, b.grants);
      if (b.comment) p.add(P.comment, ddl.commentOn(`${b.kind} ${functionId(b)}`, b.comment));
      continue;
    }
    const v = n.view;
    const sql = `drop ${v.kind} if exists ${key(v)};`;
    if (extra.has(`${v.kind}:${key(v)}`)) p.drop(P.dropView, key(v), sql, `drops ${v.kind} ${key(v)}`);
    else if (rebuild.has(nodeKey(n))) p.add(P.dropView, sql);
  }
  const missing = new Set(m.missing.map((v) => `${v.kind}:${key(v)}`));
  // What is created here, each after what it reads or calls: new and rebuilt views, and functions whose bodies read views.
  const toNodes: Node[] = [
    ...toViews.filter((v) => missing.has(`${v.kind}:${key(v)}`) || rebuild.has(`${v.schema}.${v.name}`)).map((view) => ({ view })),
    ...p.functionsAmongViews,
    ...recreated,
  ];
  // A view taking a table's name waits for the table's drop, which needs --allow-destructive.
  const fromTables = new Set(from.tables.map(key));
  for (const n of topological(toNodes, nodeKey, dependsOn)) {
    if ('func' in n) {
      p.add(P.view, n.sql);
      continue;
    }
    const v = n.view;
    if (fromTables.has(key(v)) && !p.options.allowDestructive) {
      p.cannot(key(v), `${v.kind} ${key(v)} takes the place of table ${key(v)}, whose drop needs --allow-destructive`);
      continue;
    }
    p.add(P.view, v.kind === 'view' ? ddl.createView(v) : ddl.createMaterializedView(v));
    if (v.kind === 'materialized view') for (const i of v.indexes) p.add(P.view, ddl.createIndex(i));
    if (v.comment) p.add(P.comment, ddl.commentOn(`${v.kind} ${key(v)}`, v.comment));
    planCreatedGrants(p, 'table', `table ${key(v)}`, v.schema, v.grants);
  }
  for (const [a, b] of m.both) {
    if (rebuild.has(`${b.schema}.${b.name}`)) continue;
    if (a.kind === 'materialized view' && b.kind === 'materialized view') planIndexes(p, b.schema, key(b), a.indexes, b.indexes);
    if (a.comment !== b.comment) p.add(P.comment, ddl.commentOn(`${b.kind} ${key(b)}`, b.comment));
    planGrants(p, 'table', `table ${key(b)}`, a.grants, b.grants);
  }
  return rebuild;
}

function planCollations(p: Planner, from: Schema, to: Schema): void {
  const cm = match(from.collations ?? [], to.collations ?? [], key);
  for (const c of cm.missing) p.add(P.collation, ddl.createCollation(c));
  for (const [a, b] of cm.both) {
    const { comment: _a, ...ra } = a;
    const { comment: _b, ...rb } = b;
    if (JSON.stringify(ra) !== JSON.stringify(rb)) p.cannot(key(b), `collation ${key(b)} is defined otherwise (${JSON.stringify(rb)}): PostgreSQL cannot alter a collation; create one under a new name and move the columns to it by hand`);
  }
  planComments(p, from.collations ?? [], to.collations ?? [], key, (c) => `collation ${key(c)}`);
  for (const c of cm.extra) p.drop(P.drop + 6, key(c), `drop collation if exists ${key(c)};`, `drops collation ${key(c)} (and fails while a column uses it)`);
}

function planTypes(p: Planner, from: Schema, to: Schema): void {
  planComments(p, from.enums, to.enums, key, (e) => `type ${key(e)}`);
  planComments(p, from.domains, to.domains, key, (d) => `domain ${key(d)}`);
  planComments(p, from.compositeTypes, to.compositeTypes, key, (c) => `type ${key(c)}`);
  // A changed range type that nothing uses is replaced by a new one (PostgreSQL cannot alter it): as new, for its comment and grants.
  const rm = match(from.rangeTypes ?? [], to.rangeTypes ?? [], key);
  const changed = rm.both.filter(([a, b]) => !sameRange(a, b)).map(([a, b]) => ({ a, b, users: rangeUsers(from, a) }));
  const replaced = new Set(changed.filter((c) => !c.users.length).map((c) => key(c.a)));
  const ranges = { from: (from.rangeTypes ?? []).filter((r) => !replaced.has(key(r))), to: to.rangeTypes ?? [] };
  planComments(p, ranges.from, ranges.to, key, (r) => `type ${key(r)}`);
  for (const [before, after] of [[from.enums, to.enums], [from.domains, to.domains], [from.compositeTypes, to.compositeTypes], [ranges.from, ranges.to]] as const) {
    const granted = new Map<string, GrantDef[] | undefined>(before.map((t) => [key(t), t.grants]));
    for (const t of after) {
      if (granted.has(key(t))) planGrants(p, 'type', `type ${key(t)}`, granted.get(key(t)), t.grants);
      else planCreatedGrants(p, 'type', `type ${key(t)}`, t.schema, t.grants);
    }
  }
  const em = match(from.enums, to.enums, key);
  for (const e of em.missing) p.add(P.type, ddl.createEnum(e));
  for (const [a, b] of em.both) {
    const removed = a.values.filter((v) => !b.values.includes(v));
    b.values.forEach((v, i) => {
      if (a.values.includes(v)) return;
      const position = i === 0 ? (b.values[1] !== undefined && a.values.includes(b.values[1]) ? ` before ${quoteLiteral(b.values[1])}` : '') : ` after ${quoteLiteral(b.values[i - 1]!)}`;
      p.add(P.enumValue, `alter type ${key(b)} add value if not exists ${quoteLiteral(v)}${position};`, { note: 'a later step can use the new value only once this one is committed: pgdrift apply commits here; a runner that wraps the whole file in one transaction cannot use it' });
    });
    if (removed.length) p.cannot(key(b), `enum values ${removed.map(quoteLiteral).join(', ')} would have to be removed: recreate the type by hand`);
    else if (a.values.filter((v) => b.values.includes(v)).join() !== b.values.filter((v) => a.values.includes(v)).join()) p.cannot(key(b), 'enum values are in another order: recreate the type by hand');
  }
  for (const e of em.extra) p.drops.push({ id: key(e), deps: [], object: key(e), sql: `drop type if exists ${key(e)};`, loses: `drops enum ${key(e)}` });

  // New domains, composite and range types are created in one order with the functions (see placeInOrder).
  // Changed domains are planned after the functions (planDomainChanges), which may be recreated.
  const dm = match(from.domains, to.domains, key);
  for (const d of dm.missing) p.creations.push({ ...typeDeps.domain(d), sql: ddl.createDomain(d) });
  for (const d of dm.extra) p.drops.push({ ...typeDeps.domain(d), object: key(d), sql: `drop domain if exists ${key(d)};`, loses: `drops domain ${key(d)}` });

  const cm = match(from.compositeTypes, to.compositeTypes, key);
  for (const c of cm.missing) p.creations.push({ ...typeDeps.composite(c), sql: ddl.createCompositeType(c) });
  for (const [a, b] of cm.both) if (JSON.stringify(a.attributes) !== JSON.stringify(b.attributes)) planCompositeChange(p, from, a, b);
  for (const c of cm.extra) p.drops.push({ ...typeDeps.composite(c), object: key(c), sql: `drop type if exists ${key(c)};`, loses: `drops type ${key(c)}` });

  for (const r of rm.missing) p.creations.push({ ...typeDeps.range(r), sql: ddl.createRangeType(r) });
  for (const { a, b, users } of changed) {
    if (users.length) {
      p.cannot(key(b), `range type ${key(b)} is defined otherwise (${JSON.stringify(rangeDefinition(b))}) and ${users[0]} uses it: PostgreSQL cannot alter a range type; create one under a new name and move the columns to it by hand`);
      continue;
    }
    p.add(P.type, `drop type if exists ${key(a)};`);
    p.creations.push({ ...typeDeps.range(b), sql: ddl.createRangeType(b) });
  }
  for (const r of rm.extra) p.drops.push({ ...typeDeps.range(r), object: key(r), sql: `drop type if exists ${key(r)};`, loses: `drops range type ${key(r)}` });
}

/** A range type's definition: what CREATE TYPE … AS RANGE sets. */
const rangeDefinition = ({ comment: _c, grants: _g, ...definition }: RangeTypeDef) => definition;
const sameRange = (a: RangeTypeDef, b: RangeTypeDef) => JSON.stringify(rangeDefinition(a)) === JSON.stringify(rangeDefinition(b));

/** What uses a range type or its multirange type (as the catalog records it, and columns by their type), described. */
function rangeUsers(schema: Schema, r: RangeTypeDef): string[] {
  const multirange = r.multirange.includes('.') ? r.multirange : qualify(r.schema, r.multirange);
  const columns = schema.tables.flatMap((t) => t.columns.filter((c) => mentions(c.type, key(r)) || mentions(c.type, multirange)).map((c) => `column ${columnId(t, c.name)}`));
  const types = new Set([key(r), multirange]);
  // Its constructor functions belong to it (they are not the schema's functions): they go with it.
  const functions = new Set(schema.functions.map((f) => refKey(functionRef(f))));
  const own = (u: ObjectRef) => u.kind === 'function' && !functions.has(refKey(u));
  const refs = (schema.dependencies ?? []).filter((d) => d.uses.kind === 'type' && types.has(key(d.uses)) && !own(d.object)).map((d) => describeRef(d.object));
  return [...new Set([...refs, ...columns])];
}

/**
 * ALTER TYPE … ADD, DROP (destructive: the values columns of the type hold there) or ALTER ATTRIBUTE
 * (while no column has the type). New attributes can only go last: another order needs a new type.
 */
function planCompositeChange(p: Planner, from: Schema, a: CompositeTypeDef, b: CompositeTypeDef): void {
  const type = `alter type ${key(b)}`;
  const m = match(a.attributes, b.attributes, (x) => x.name);
  // PostgreSQL changes an attribute's type, or drops the type, only while no table column has it.
  const usedBy = from.tables.flatMap((t) => t.columns.filter((c) => mentions(c.type, key(b))).map((c) => columnId(t, c.name)));
  const byHand = (why: string) => p.cannot(key(b), `composite type ${key(b)} ${why}${usedBy.length ? ` while ${usedBy.join(', ')} has the type` : ''}: change it by hand`);
  const reached = [...a.attributes.filter((x) => b.attributes.some((y) => y.name === x.name)), ...b.attributes.filter((y) => !a.attributes.some((x) => x.name === y.name))];
  if (reached.map((x) => x.name).join('\0') !== b.attributes.map((x) => x.name).join('\0')) {
    // ALTER TYPE adds attributes last only: another order means a new type, which drops what the old one held.
    if (usedBy.length || !p.options.allowDestructive) return byHand(`lists its attributes in another order (${b.attributes.map((x) => x.name).join(', ')}), which only a new type has${usedBy.length ? '' : ' (--allow-destructive recreates it)'}`);
    p.add(P.type, `drop type if exists ${key(b)};`, { destructive: `recreates type ${key(b)} with its attributes in another order` });
    p.add(P.type, ddl.createCompositeType(b));
    if (b.comment) p.add(P.comment, ddl.commentOn(`type ${key(b)}`, b.comment));
    return;
  }
  const attribute = (x: CompositeTypeDef['attributes'][number]) => `${quoteIdent(x.name)} ${x.type}${x.collation ? ` collate ${quoteIdent(x.collation)}` : ''}`;
  for (const x of m.extra) p.drop(P.type, `${key(b)}.${quoteIdent(x.name)}`, `${type} drop attribute if exists ${quoteIdent(x.name)};`, `drops attribute ${quoteIdent(x.name)} of type ${key(b)} and its values in the columns of that type`);
  for (const [x, y] of m.both) {
    if (x.type === y.type && x.collation === y.collation) continue;
    if (usedBy.length) byHand(`changes attribute ${quoteIdent(y.name)} from ${x.type} to ${y.type}`);
    else p.add(P.type, `${type} alter attribute ${quoteIdent(y.name)} set data type ${y.type}${y.collation ? ` collate ${quoteIdent(y.collation)}` : ''};`);
  }
  for (const x of m.missing) p.add(P.type, ddl.doIf(`not exists (select 1 from pg_attribute where attrelid = (select typrelid from pg_type where oid = ${quoteLiteral(key(b))}::regtype) and attname = ${quoteLiteral(x.name)} and not attisdropped)`, `${type} add attribute ${attribute(x)}`));
}

/**
 * The domains both sides have, changed: after the functions their defaults and CHECKs call, and after
 * a function that is dropped and created again (whatever of a domain used it then went before its drop:
 * rebuildCallers), once it is back.
 */
function planDomainChanges(p: Planner, from: Schema, to: Schema): void {
  const functions = to.functions.map((f) => `${key(f)}(`);
  const recreated = new Set(p.recreated.map((f) => `${f.schema}.${f.name}`));
  const usedRecreated = new Set(usersOf(from, p.recreated.map(functionRef)).flatMap((u) => (u.kind === 'domain constraint' ? [`${u.schema}.${u.parent}`] : u.kind === 'type' ? [`${u.schema}.${u.name}`] : [])));
  const expressions = (d: DomainDef) => [d.default ?? '', ...d.checks.map((c) => c.expression)];
  const phase = (d: DomainDef) => {
    if (usedRecreated.has(`${d.schema}.${d.name}`) || expressions(d).flatMap(expressionCalls).some((f) => recreated.has(f.replaceAll('"', '')))) return P.recreateFunction + 0.2;
    return functions.some((f) => expressions(d).some((e) => e.includes(f))) ? P.domainUsingFunctions : P.type;
  };
  for (const [a, b] of match(from.domains, to.domains, key).both) planDomainChange(p, a, b, phase(b));
}

/** ALTER DOMAIN for a changed default, NOT NULL or CHECK; another base type or collation needs a new domain. */
function planDomainChange(p: Planner, a: DomainDef, b: DomainDef, phase: number): void {
  const domain = `alter domain ${key(b)}`;
  if (a.type !== b.type || (a.collation ?? '') !== (b.collation ?? '')) {
    p.cannot(key(b), `domain ${key(b)} changes its base type or collation (${a.type} → ${b.type}): PostgreSQL cannot alter that; create a new domain and move the columns to it by hand`);
    return;
  }
  if (!sameExpression(a.default, b.default)) p.add(phase, b.default === undefined ? `${domain} drop default;` : `${domain} set default ${b.default};`);
  if (a.notNull !== b.notNull) p.add(phase, `${domain} ${b.notNull ? 'set' : 'drop'} not null;`, b.notNull ? { note: `fails if a column of domain ${key(b)} holds nulls` } : {});
  const cm = match(a.checks, b.checks, (c) => c.name);
  const addCheck = (c: DomainDef['checks'][number]) => p.add(phase, `${domain} add constraint ${quoteIdent(c.name)} ${c.expression};`, { note: `fails if a value of domain ${key(b)} breaks it` });
  for (const c of cm.missing) addCheck(c);
  for (const [x, y] of cm.both) {
    if (sameConstraint({ definition: x.expression }, { definition: y.expression })) continue;
    p.add(phase, `${domain} drop constraint if exists ${quoteIdent(x.name)};`);
    addCheck(y);
  }
  for (const c of cm.extra) p.drop(phase, `${key(b)}.${quoteIdent(c.name)}`, `${domain} drop constraint if exists ${quoteIdent(c.name)};`, `drops constraint ${quoteIdent(c.name)} of domain ${key(b)}`);
}

function planSequences(p: Planner, from: Schema, to: Schema): void {
  const sm = match(from.sequences, to.sequences, key);
  for (const s of sm.missing) {
    p.add(P.sequence, ddl.createSequence(s));
    if (s.ownedBy) p.add(P.sequenceOwner, `alter sequence ${key(s)} owned by ${s.ownedBy};`);
    planCreatedGrants(p, 'sequence', `sequence ${key(s)}`, s.schema, s.grants);
  }
  for (const [a, b] of sm.both) {
    const { ownedBy: ao, comment: ac, grants: _ga, ...ra } = a;
    const { ownedBy: bo, comment: bc, grants: _gb, ...rb } = b;
    if (JSON.stringify(ra) !== JSON.stringify(rb)) p.add(P.sequence, `alter sequence ${key(b)} ${ddl.sequenceOptions(b)};`);
    if (ao !== bo) p.add(P.sequenceOwner, `alter sequence ${key(b)} owned by ${bo ?? 'none'};`);
    if (ac !== bc) p.add(P.comment, ddl.commentOn(`sequence ${key(b)}`, bc));
    planGrants(p, 'sequence', `sequence ${key(b)}`, a.grants, b.grants);
  }
  for (const s of sm.extra.filter((x) => !p.serialsBecomingIdentity.has(key(x)))) p.drop(P.drop + 4, key(s), `drop sequence if exists ${key(s)};`, `drops sequence ${key(s)} and its current value`);
}

function planFunctions(p: Planner, from: Schema, to: Schema): void {
  const fm = match(from.functions, to.functions, functionMatcher(from.functions, to.functions));
  const on = (f: Schema['functions'][number]) => `${f.kind} ${functionId(f)}`;
  // A function whose arguments or result are a table's or a view's row type comes after that relation.
  const views = [...to.views, ...to.materializedViews].map(key);
  const tables = to.tables.map(key);
  const phase = (f: Schema['functions'][number]) => {
    const signature = `${f.args} ${f.returns ?? ''}`;
    return views.some((v) => mentions(signature, v)) ? P.funcOfViews : tables.some((t) => mentions(signature, t)) ? P.funcOfTables : P.func;
  };
  // A SQL-standard body is checked when the function is created (check_function_bodies does not
  // apply): what it reads must exist by then. One that reads views goes among the views.
  const viewNames = new Set([...to.views, ...to.materializedViews].map((v) => `${v.schema}.${v.name}`));
  const tableNames = new Set(to.tables.map((t) => `${t.schema}.${t.name}`));
  const create = (f: FunctionDef, after: number = P.func) => {
    const sql = ddl.createFunction(f);
    const reads = f.standardBody ? relationsRead(sql) : [];
    const at = Math.max(reads.some((r) => tableNames.has(r)) ? Math.max(phase(f), P.funcReadingTables) : phase(f), after);
    if (reads.some((r) => viewNames.has(r))) p.functionsAmongViews.push({ func: f, sql });
    else if (at === P.func) p.creations.push({ ...typeDeps.func(f), sql });
    else p.add(at, sql);
  };
  for (const f of fm.missing) {
    create(f);
    planCreatedGrants(p, 'function', on(f), f.schema, f.grants);
  }
  const changed = new Set<FunctionDef>();
  const mustRecreate: FunctionDef[] = [];
  for (const [a, b] of fm.both) {
    p.functionTargets.set(a, b);
    const { comment: _a, grants: _ga, ...ra } = a;
    const { comment: _b, grants: _gb, ...rb } = b;
    if (JSON.stringify({ ...ra, body: '' }) === JSON.stringify({ ...rb, body: '' }) && sameBody(a.body, b.body, b.language)) continue;
    changed.add(a);
    if (a.returns !== b.returns || a.kind !== b.kind || a.args !== b.args) mustRecreate.push(a);
  }
  // Dropped after the views and tables that use it (what stays is rebuilt around it: planViews,
  // rebuildCallers), each after what uses it, and created again each before what uses it.
  const recreated = (p.recreated = recreatedFunctions(p, from, to, mustRecreate));
  for (const a of [...recreated].reverse()) p.add(P.recreateFunction, ddl.dropFunction(a));
  for (const a of recreated) {
    const b = p.functionTargets.get(a)!;
    create(b, P.recreateFunction + 0.1);
    planCreatedGrants(p, 'function', on(b), b.schema, b.grants);
  }
  for (const [a, b] of fm.both) {
    if (recreated.includes(a) || p.withheld.some((w) => w.object === functionId(b))) continue;
    if (changed.has(a)) create(b);
    planGrants(p, 'function', on(b), a.grants, b.grants);
  }
  planComments(p, from.functions, to.functions, functionMatcher(from.functions, to.functions), (f) => `${f.kind} ${functionId(f)}`);
  // One that reads a table or view goes before them, among the views' drops.
  const relations = new Set([...from.tables, ...from.views, ...from.materializedViews].map((v) => `${v.schema}.${v.name}`));
  // So does one whose arguments or result are a table's or view's row type (the catalog says).
  const recreatedRefs = new Set(recreated.map((f) => refKey(functionRef(f))));
  for (const f of fm.extra) {
    const uses = usedBy(from, functionRef(f));
    if ((f.standardBody && relationsRead(ddl.createFunction(f)).some((r) => relations.has(r))) || uses.some((u) => u.kind === 'table' || u.kind === 'view')) p.functionsDroppedAmongViews.add(f);
    // One that uses a function dropped and created again goes before that.
    else if (uses.some((u) => recreatedRefs.has(refKey(u)))) p.drop(P.recreateFunction - 0.1, functionId(f), ddl.dropFunction(f), dropsFunction(f));
    else p.drops.push({ ...typeDeps.func(f), object: functionId(f), sql: ddl.dropFunction(f), loses: dropsFunction(f) });
  }
}

/**
 * The functions to drop and create again, in creation order: those whose result, kind or argument
 * names change, and (as the catalog records) every function whose argument defaults use one of those
 * and that `to` keeps. SQL-standard bodies are planViews' (which rebuilds what calls a recreated
 * function). One that a generated column or another object PostgreSQL cannot rebuild around it uses
 * is withheld.
 */
function recreatedFunctions(p: Planner, from: Schema, to: Schema, changed: FunctionDef[]): FunctionDef[] {
  const byRef = new Map(from.functions.map((f) => [refKey(functionRef(f)), f]));
  const set = new Set<FunctionDef>();
  const add = (f: FunctionDef) => {
    if (set.has(f)) return;
    const users = usersOf(from, [functionRef(f)]).filter((u) => stays(u, to));
    const blocker = users.find((u) => !rebuiltAround(u, from, to));
    if (blocker) {
      p.cannot(functionId(p.functionTargets.get(f) ?? f), `${f.kind} ${functionId(f)} must be dropped and created again (its result, kind or argument names change), and ${describeRef(blocker)} uses it: PostgreSQL cannot drop it while that exists, nor pgdrift rebuild that around it; change it by hand`);
      return;
    }
    set.add(f);
    for (const u of users) {
      const g = u.kind === 'function' ? byRef.get(refKey(u)) : undefined;
      if (g && !g.standardBody && p.functionTargets.has(g)) add(g);
    }
  };
  changed.forEach(add);
  const uses = (f: FunctionDef) => usedBy(from, functionRef(f)).filter((u) => u.kind === 'function').map(refKey);
  return topological([...set], (f) => refKey(functionRef(f)), uses);
}

/** What rebuildCallers (and planViews, for views and SQL-standard bodies) drop and create again around a recreated function. */
const REBUILT_AROUND = new Set<ObjectRef['kind']>(['function', 'view', 'policy', 'default', 'constraint', 'index', 'trigger']);

/** Whether the plan can rebuild `u` around a recreated function it uses: of the types, a domain (its default or a CHECK) that both sides have. */
function rebuiltAround(u: ObjectRef, from: Schema, to: Schema): boolean {
  if (REBUILT_AROUND.has(u.kind)) return true;
  const domain = u.kind === 'domain constraint' ? u.parent : u.kind === 'type' ? u.name : undefined;
  const has = (s: Schema) => s.domains.some((d) => d.schema === u.schema && d.name === domain);
  return domain !== undefined && has(from) && has(to);
}

/** Whether `to` keeps the table `ref` belongs to (or the object itself, where it belongs to none): what goes with a dropped table goes before a recreated function is dropped. */
function stays(ref: ObjectRef, to: Schema): boolean {
  if (!ref.parent || ref.kind === 'domain constraint') return true;
  return to.tables.some((t) => t.schema === ref.schema && t.name === ref.parent);
}

function describeRef(r: ObjectRef): string {
  if (r.kind === 'function') return `function ${functionId({ ...r, identityArgs: r.args ?? '' })}`;
  if (r.kind === 'column' || r.kind === 'default' || r.kind === 'generated column') return `${r.kind} ${columnId({ schema: r.schema, name: r.parent ?? '' }, r.name)}`;
  return r.parent ? `${r.kind} ${quoteIdent(r.name)} on ${qualify(r.schema, r.parent)}` : `${r.kind} ${qualify(r.schema, r.name)}`;
}

const dropsFunction = (f: FunctionDef) => `drops ${f.kind} ${functionId(f)}`;

/**
 * What uses a function the plan drops and creates again, as the catalog records it, which PostgreSQL
 * would not let the plan drop: policies, column defaults, CHECKs, indexes, triggers, and domains'
 * defaults and CHECKs. Each is dropped before the function (among the view drops) and, where the
 * target keeps it as it is, created again after it (where it changes, the plan of its table creates it).
 */
function rebuildCallers(p: Planner, from: Schema, to: Schema): void {
  const fromTables = new Map(from.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const toTables = new Map(to.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const toDomains = new Map(to.domains.map((d) => [`${d.schema}.${d.name}`, d]));
  const fromDomains = new Map(from.domains.map((d) => [`${d.schema}.${d.name}`, d]));
  for (const u of usersOf(from, p.recreated.map(functionRef))) {
    const parent = `${u.schema}.${u.parent}`;
    const table = qualify(u.schema, u.parent ?? '');
    const [a, b] = [fromTables.get(parent), toTables.get(parent)];
    if (u.kind === 'policy' && a && b) {
      p.add(P.dropView, ddl.dropPolicy(table, u.name));
      const [x, y] = [a.policies.find((x) => x.name === u.name), b.policies.find((y) => y.name === u.name)];
      if (x && y && samePolicy(x, y)) p.add(P.policy, ddl.createPolicy(table, y));
    } else if (u.kind === 'default' && a && b) {
      p.add(P.dropView, `alter table ${table} alter column ${quoteIdent(u.name)} drop default;`);
      const [c, d] = [a.columns.find((c) => c.name === u.name), b.columns.find((d) => d.name === u.name)];
      if (d?.default !== undefined && sameExpression(c?.default, d.default)) p.add(P.alterColumn, `alter table ${table} alter column ${quoteIdent(d.name)} set default ${d.default};`);
    } else if (u.kind === 'constraint' && a && b) {
      p.add(P.dropView, `alter table ${table} drop constraint if exists ${quoteIdent(u.name)};`);
      const [k, y] = [a.constraints.find((k) => k.name === u.name), b.constraints.find((y) => y.name === u.name)];
      if (k && y && sameConstraint(k, y)) p.add(P.constraint, ddl.addConstraint(table, y));
    } else if (u.kind === 'index' && a && b) {
      p.add(P.dropView, `drop index if exists ${qualify(u.schema, u.name)};`);
      const [i, j] = [a.indexes.find((i) => i.name === u.name), b.indexes.find((j) => j.name === u.name)];
      if (i && j && i.definition === j.definition) p.add(P.index, ddl.createIndex(j));
    } else if (u.kind === 'trigger' && b) {
      p.add(P.dropView, `drop trigger if exists ${quoteIdent(u.name)} on ${table};`);
      const on = (t: Schema['triggers'][number]) => t.schema === u.schema && t.table === u.parent && t.name === u.name;
      const [x, y] = [from.triggers.find(on), to.triggers.find(on)];
      if (x && y && sameStatement(x.definition, y.definition) && x.enabled === y.enabled) p.add(P.trigger, ddl.createTrigger(y));
    } else if (u.kind === 'domain constraint' && toDomains.has(parent)) {
      const domain = qualify(u.schema, u.parent ?? '');
      p.add(P.dropView, `alter domain ${domain} drop constraint if exists ${quoteIdent(u.name)};`);
      const [was, check] = [fromDomains.get(parent)?.checks.find((c) => c.name === u.name), toDomains.get(parent)!.checks.find((c) => c.name === u.name)];
      if (was && check && sameConstraint({ definition: was.expression }, { definition: check.expression })) p.add(P.constraint, `alter domain ${domain} add constraint ${quoteIdent(check.name)} ${check.expression};`);
    } else if (u.kind === 'type' && fromDomains.has(`${u.schema}.${u.name}`) && toDomains.has(`${u.schema}.${u.name}`)) {
      // A domain uses a function through its default.
      const domain = qualify(u.schema, u.name);
      p.add(P.dropView, `alter domain ${domain} drop default;`);
      const d = toDomains.get(`${u.schema}.${u.name}`)!;
      if (d.default !== undefined && sameExpression(fromDomains.get(`${u.schema}.${u.name}`)?.default, d.default)) p.add(P.alterColumn, `alter domain ${domain} set default ${d.default};`);
    }
  }
}

/** Triggers; those on a view that was dropped and created again (`rebuilt`) went with it and are created again. */
function planTriggers(p: Planner, from: Schema, to: Schema, rebuilt: Set<string>): void {
  const id = (t: Schema['triggers'][number]) => `${qualify(t.schema, t.table)}.${quoteIdent(t.name)}`;
  const tm = match(from.triggers, to.triggers, id);
  for (const t of tm.missing) p.add(P.trigger, ddl.createTrigger(t));
  for (const [a, b] of tm.both) {
    if (rebuilt.has(`${b.schema}.${b.table}`)) {
      p.add(P.trigger, ddl.createTrigger(b));
      if (b.comment) p.add(P.comment, ddl.commentOn(`trigger ${quoteIdent(b.name)} on ${qualify(b.schema, b.table)}`, b.comment));
      continue;
    }
    if (!sameStatement(a.definition, b.definition) || a.enabled !== b.enabled) {
      if (/^CREATE CONSTRAINT/.test(b.definition)) p.add(P.trigger, `drop trigger if exists ${quoteIdent(a.name)} on ${qualify(a.schema, a.table)};`);
      p.add(P.trigger, ddl.createTrigger(b));
    }
  }
  planComments(p, from.triggers, to.triggers, id, (t) => `trigger ${quoteIdent(t.name)} on ${qualify(t.schema, t.table)}`);
  for (const t of tm.extra) p.drop(P.drop, id(t), `drop trigger if exists ${quoteIdent(t.name)} on ${qualify(t.schema, t.table)};`, `drops trigger ${t.name} on ${qualify(t.schema, t.table)}`);
}

function planPublications(p: Planner, from: Schema, to: Schema): void {
  const fromPubs = from.publications ?? [];
  const toPubs = to.publications ?? [];
  const m = match(withPlatformPublications(fromPubs, toPubs), withPlatformPublications(toPubs, fromPubs), (x) => x.name);
  for (const x of m.missing) p.add(P.publication, ddl.createPublication(x));
  for (const [a, b] of m.both) {
    if (a.operations.join() !== b.operations.join()) p.add(P.publication, ddl.setPublicationOperations(b));
    const tables = match(a.tables, b.tables, (t) => t);
    for (const t of tables.missing) p.add(P.publication, ddl.publishTable(b.name, t, true));
    for (const t of tables.extra) p.add(P.publication, ddl.publishTable(b.name, t, false));
  }
  for (const x of m.extra) p.drop(P.drop, quoteIdent(x.name), `drop publication if exists ${quoteIdent(x.name)};`, `drops publication ${quoteIdent(x.name)}, which its subscribers (Supabase Realtime, replicas) read`);
}

export function plan(fromIn: Schema, to: Schema, options: PlanOptions = {}): Plan {
  const p = new Planner(options);
  p.defaults = to.defaultPrivileges ?? [];
  for (const child of to.tables) {
    for (const parent of child.inherits ?? []) p.childColumns.set(parent, new Set([...(p.childColumns.get(parent) ?? []), ...child.columns.map((c) => c.name)]));
  }
  p.add(P.preamble, 'set check_function_bodies = off;');
  const from = applyRenames(fromIn, options.renames ?? [], p);

  const sm = match(from.schemas, to.schemas, (s) => s.name);
  for (const s of sm.missing) {
    p.add(P.schema, `create schema if not exists ${quoteIdent(s.name)};`);
    planGrants(p, 'schema', `schema ${quoteIdent(s.name)}`, undefined, s.grants);
  }
  for (const [a, b] of sm.both) {
    if (a.comment !== b.comment) p.add(P.comment, ddl.commentOn(`schema ${quoteIdent(b.name)}`, b.comment));
    planGrants(p, 'schema', `schema ${quoteIdent(b.name)}`, a.grants, b.grants);
  }
  for (const s of sm.missing) if (s.comment) p.add(P.comment, ddl.commentOn(`schema ${quoteIdent(s.name)}`, s.comment));
  for (const s of sm.extra) p.drop(P.drop + 9, s.name, `drop schema if exists ${quoteIdent(s.name)};`, `drops schema ${s.name}`);

  const xm = match(from.extensions, to.extensions, (e) => e.name);
  for (const e of xm.missing) p.add(P.extension, `create extension if not exists ${quoteIdent(e.name)} with schema ${quoteIdent(e.schema)};`);
  for (const [a, b] of xm.both) if (a.schema !== b.schema) p.add(P.extension, `alter extension ${quoteIdent(b.name)} set schema ${quoteIdent(b.schema)};`);
  for (const e of xm.extra) p.drop(P.drop + 8, e.name, `drop extension if exists ${quoteIdent(e.name)};`, `drops extension ${e.name} (and fails while objects use it)`);

  planCollations(p, from, to);
  planTypes(p, from, to);
  p.serialsBecomingIdentity = serialsBecomingIdentity(from, to);
  planSequences(p, from, to);
  planFunctions(p, from, to);
  planDomainChanges(p, from, to);

  const changedTables = new Set<string>();
  const tm = match(withPlatformTables(from.tables, to.tables), withPlatformTables(to.tables, from.tables), tableId);
  const parentsFirst = (a: TableDef, b: TableDef) => Number(Boolean(a.partitionOf || a.inherits?.length)) - Number(Boolean(b.partitionOf || b.inherits?.length));
  const fromViews = new Set([...from.views, ...from.materializedViews].map(key));
  for (const t of [...tm.missing].sort(parentsFirst)) {
    // A table taking a view's name waits for the view's drop, which needs --allow-destructive.
    if (fromViews.has(tableId(t)) && !options.allowDestructive) {
      p.cannot(tableId(t), `table ${tableId(t)} takes the place of a view of that name, whose drop needs --allow-destructive`);
      continue;
    }
    p.add(P.table, ddl.createTable(t));
    p.newTables.add(tableId(t));
    planTableParts(p, undefined, t);
  }
  for (const [a, b] of tm.both) {
    if (a.kind !== b.kind || a.partitionKey !== b.partitionKey) {
      // A table becomes partitioned (or stops being): only a new table can do that.
      p.drop(P.dropTable, tableId(a), `drop table if exists ${tableId(a)};`, `recreates ${tableId(a)} as a ${b.kind}${b.partitionKey ? ` by ${b.partitionKey}` : ''}, dropping its rows`);
      p.add(P.table, ddl.createTable(b));
      planTableParts(p, undefined, b);
      changedTables.add(tableId(b));
      continue;
    }
    planPartitionAndInheritance(p, a, b);
    if (Boolean(a.unlogged) !== Boolean(b.unlogged)) p.add(P.alterColumn, `alter table ${tableId(b)} set ${b.unlogged ? 'unlogged' : 'logged'};`, { note: `rewrites ${tableId(b)} under an exclusive lock` });
    if (!a.partitionOf || !b.partitionOf) planColumns(p, a, b, changedTables);
    planTableParts(p, a, b);
  }
  // Dropped in one order with the types and functions of their row types (see placeInOrder).
  for (const t of tm.extra) {
    p.drops.push({ ...tableDeps(t), object: tableId(t), sql: `drop table if exists ${tableId(t)};`, loses: `drops table ${tableId(t)} and every row in it` });
    p.droppedTables.add(tableId(t));
    changedTables.add(tableId(t));
  }
  const rebuilt = planViews(p, from, to, changedTables);
  rebuildCallers(p, from, to);
  planTriggers(p, from, to, rebuilt);
  planPublications(p, from, to);
  // Before the objects the plan creates, so that they are created as they were in <to>.
  for (const d of defaultPrivilegePairs(from.defaultPrivileges ?? [], to.defaultPrivileges ?? [])) {
    for (const delta of grantDeltas(d.kind, d.from, d.to)) {
      for (const sql of grantStatements(d.kind, d.on, delta)) p.add(P.defaultPrivileges, `alter default privileges ${d.scope} ${sql}`);
    }
  }
  placeInOrder(p);
  const steps = p.steps.map((s, i) => ({ s, i })).sort((x, y) => x.s.phase - y.s.phase || x.i - y.i).map(({ s }) => s);
  return { steps: steps.length === 1 ? [] : steps, withheld: p.withheld };
}

/**
 * The new functions and types, each after what it depends on, between the enum values (which a domain's
 * default may use) and the view drops; those that use a new table's row type (or use one that does) right
 * after the tables. Their drops, each before what it depends on, between P.drop + 3 and the collations';
 * the dropped tables' among those that use their row types (a composite type or domain of it, what uses
 * those, a table with a column of such a type), each before what it depends on (the tables it references
 * or inherits from included). Types and tables are named as qualify() writes them, functions as `schema.name`.
 */
function placeInOrder(p: Planner): void {
  const plain = (name: string) => name.replaceAll('"', '');
  const order = <T extends Dependent>(items: T[]): T[] => {
    const byName = new Map(items.flatMap((d) => [[d.id, d.id], [plain(d.id), d.id]] as const));
    return topological(items, (d) => d.id, (d) => d.deps.map((x) => byName.get(x) ?? byName.get(plain(x)) ?? x));
  };
  /** The names of `tables` and of the items that depend on them, directly or through each other. */
  const usingTables = (tables: Set<string>, items: Dependent[]): Set<string> => {
    const out = new Set([...tables].map(plain));
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of items) {
        if (out.has(plain(d.id)) || !d.deps.some((x) => out.has(plain(x)))) continue;
        out.add(plain(d.id));
        grew = true;
      }
    }
    return out;
  };
  const late = usingTables(p.newTables, p.creations);
  const created = order(p.creations);
  const [before, after] = [created.filter((d) => !late.has(plain(d.id))), created.filter((d) => late.has(plain(d.id)))];
  before.forEach((d, i) => p.add(P.enumValue + 0.5 + (9 * i) / before.length, d.sql));
  after.forEach((d, i) => p.add(P.table + 0.5 + (0.4 * i) / after.length, d.sql));
  const early = usingTables(p.droppedTables, p.drops);
  const dropped = order(p.drops).reverse();
  const [first, last] = [dropped.filter((d) => early.has(plain(d.id))), dropped.filter((d) => !early.has(plain(d.id)))];
  // After the partitions detached and the inheritance ended (P.dropTable), before the recreated functions.
  first.forEach((d, i) => p.drop(P.dropTable + 0.1 + (0.3 * i) / first.length, d.object, d.sql, d.loses));
  last.forEach((d, i) => p.drop(P.drop + 3 + (2.5 * i) / last.length, d.object, d.sql, d.loses));
}

/** Roles that policies and grants name (a shadow must have them to create those). */
export function modelRoles(...schemas: Schema[]): string[] {
  const builtin = new Set(['public', 'current_user', 'session_user', 'current_role']);
  const named = schemas.flatMap((s) => [
    ...s.tables.flatMap((t) => [...t.policies.flatMap((p) => p.roles), ...grantees(t.grants), ...t.columns.flatMap((c) => grantees(c.grants))]),
    ...[...s.schemas, ...s.sequences, ...s.views, ...s.materializedViews, ...s.functions, ...s.enums, ...s.domains, ...s.compositeTypes, ...(s.rangeTypes ?? [])].flatMap((o) => grantees(o.grants)),
    ...(s.defaultPrivileges ?? []).flatMap((d) => [d.role, ...grantees(d.grants)]),
  ]);
  return [...new Set(named)].filter((r) => !builtin.has(r)).sort();
}

/** Probable renames the config has not confirmed: planned as add (and a withheld drop), with a note. */
export function unconfirmedRenames(from: Schema, to: Schema, renames: RenameDecision[]): Change[] {
  return diff(from, to, { renames }).filter((c) => c.action === 'rename' && c.confidence !== 1);
}

/** An SQL line comment: its text cannot end the comment (newlines and other controls are escaped). */
const comment = (text: string) => `-- ${printable(text)}`;

/** The plan as an SQL file: comments that cannot be escaped from, literals without raw control characters. Needs loadParser(). */
export function renderPlan(plan: Plan, header: string[]): string {
  const out = header.map(comment);
  for (const s of plan.steps) {
    out.push('');
    if (s.destructive) out.push(comment(`DESTRUCTIVE: ${s.destructive}`));
    if (s.note) out.push(comment(`note: ${s.note}`));
    out.push(withEscapedLiterals(s.sql));
  }
  if (plan.withheld.length) {
    out.push('', comment('Not planned:'));
    for (const w of plan.withheld) out.push(comment(`  ${w.object}: ${w.reason}`));
  }
  return out.join('\n') + '\n';
}
