/**
 * SQL for model objects, written to be idempotent: IF NOT EXISTS / IF EXISTS where Postgres has
 * them, DO blocks that check the catalog where it does not. Every identifier is quoted as needed.
 */
import { allIdentityOptions } from '../model/identity-options.js';
import { dollarQuote, functionId, qualify, quoteIdent, quoteLiteral, regclass, tableId } from '../model/ident.js';
import type { CollationDef, ColumnDef, ConstraintDef, DomainDef, EnumDef, FunctionDef, IndexDef, PolicyDef, SequenceDef, TableDef, TriggerDef, ViewDef, MaterializedViewDef, CompositeTypeDef, PublicationDef, RangeTypeDef } from '../model/types.js';

/** Run `sql` only when `condition` (a boolean SQL expression) holds. */
export function doIf(condition: string, sql: string): string {
  // `sql` goes in as it is: indenting its lines would change the string constants that span them.
  return `do ${dollarQuote(` begin\n  if ${condition} then\n${sql};\n  end if;\nend `)};`;
}

const typeExists = (schema: string, name: string) =>
  `not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = ${quoteLiteral(schema)} and t.typname = ${quoteLiteral(name)})`;

/**
 * An expression as PostgreSQL printed it, respelled so that it is stored the same when re-issued.
 * PostgreSQL prints `s IN ('a', 'b')` on a varchar column as `(ARRAY['a'::character varying, …])::text[]`;
 * parsed again, that cast reaches into the elements (`ARRAY[('a'::character varying)::text, …]`), a
 * different text (the same value). `(ARRAY['a', …]::character varying[])::text[]` is stored as the original.
 */
export function reissuable(expr: string): string {
  return expr.replace(/\(ARRAY\[((?:'(?:[^']|'')*'::[a-z][a-z ]*(?:, )?)+)\]\)::([a-z][a-z ]*)\[\]/g, (whole, items: string, to: string) => {
    const parts = [...items.matchAll(/('(?:[^']|'')*')::([a-z][a-z ]*)/g)];
    const types = new Set(parts.map((m) => m[2]));
    if (types.size !== 1) return whole;
    return `(ARRAY[${parts.map((m) => m[1]).join(', ')}]::${[...types][0]}[])::${to}[]`;
  });
}

/**
 * A serial column made an identity column that goes on where the serial's sequence stood: the
 * sequence's position is read, the sequence dropped (freeing its name for the identity's own), and
 * the identity's sequence set to that position, so the next insert does not reuse an id.
 */
export function serialToIdentity(table: string, column: string, sequence: string, identity: string, options = ''): string {
  const col = quoteIdent(column);
  return `do ${dollarQuote(` declare last bigint; called boolean; begin
  if exists (select 1 from pg_attribute where attrelid = ${regclass(table)} and attname = ${quoteLiteral(column)} and attidentity = '') and to_regclass(${quoteLiteral(sequence)}) is not null then
    select last_value, is_called into last, called from ${sequence};
    alter table ${table} alter column ${col} drop default;
    drop sequence ${sequence};
    alter table ${table} alter column ${col} add generated ${identity} as identity${options};
    perform setval(pg_get_serial_sequence(${quoteLiteral(table)}, ${quoteLiteral(column)}), last, called);
  end if;
end `)};`;
}

/** ` (sequence name … increment by …)` for an identity whose sequence has a name or options of its own. */
export function identityOptions(c: ColumnDef): string {
  const options = [c.identitySequence ? `sequence name ${c.identitySequence}` : '', c.identityOptions ?? ''].filter(Boolean);
  return options.length ? ` (${options.join(' ')})` : '';
}

/** `set increment by 1 set minvalue 1 …`: every option of an identity's sequence set to what `c` has. */
export function setIdentityOptions(c: ColumnDef): string {
  return allIdentityOptions(c.type, c.identityOptions).map((o) => `set ${o}`).join(' ');
}

export function columnSql(c: ColumnDef): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation) parts.push(`collate ${quoteIdent(c.collation)}`);
  if (c.generated) parts.push(`generated always as (${c.generated}) stored`);
  if (c.identity) parts.push(`generated ${c.identity} as identity${identityOptions(c)}`);
  if (c.default !== undefined) parts.push(`default ${reissuable(c.default)}`);
  if (c.notNull && !c.identity) parts.push('not null');
  return parts.join(' ');
}

export function createTable(t: TableDef): string {
  if (t.partitionOf) {
    return `create table if not exists ${tableId(t)} partition of ${t.partitionOf.table} ${t.partitionOf.bound};`;
  }
  // Columns a child only inherits come from its parents; declared again, they would be its own.
  const cols = t.columns.filter((c) => !(c.inherited && t.inherits?.length)).map((c) => `  ${columnSql(c)}`).join(',\n');
  const tail = [t.partitionKey ? ` partition by ${t.partitionKey}` : '', t.inherits?.length ? ` inherits (${t.inherits.join(', ')})` : ''].join('');
  return `create ${t.unlogged ? 'unlogged ' : ''}table if not exists ${tableId(t)} (${cols ? `\n${cols}\n` : ''})${tail};`;
}

export function addConstraint(table: string, k: ConstraintDef): string {
  return doIf(
    `not exists (select 1 from pg_constraint where conname = ${quoteLiteral(k.name)} and conrelid = ${regclass(table)})`,
    `alter table ${table} add constraint ${quoteIdent(k.name)} ${reissuable(k.definition)}`,
  );
}

export function createIndex(i: IndexDef): string {
  return `${reissuable(i.definition).replace(/^CREATE (UNIQUE )?INDEX /, 'create $1index if not exists ').replace(' ON ONLY ', ' ON ')};`;
}

export function createPolicy(table: string, p: PolicyDef): string {
  const parts = [`create policy ${quoteIdent(p.name)} on ${table} as ${p.permissive ? 'permissive' : 'restrictive'} for ${p.command}`];
  parts.push(`to ${p.roles.map((r) => (r === 'public' ? 'public' : quoteIdent(r))).join(', ')}`);
  if (p.using) parts.push(`using (${reissuable(p.using)})`);
  if (p.withCheck) parts.push(`with check (${reissuable(p.withCheck)})`);
  return doIf(`not exists (select 1 from pg_policy where polname = ${quoteLiteral(p.name)} and polrelid = ${regclass(table)})`, parts.join(' '));
}

export function dropPolicy(table: string, name: string): string {
  return `drop policy if exists ${quoteIdent(name)} on ${table};`;
}

/** A `SET` clause from a function's stored setting (`search_path=app, pg_temp`, `search_path=""`). */
function settingSql(entry: string): string {
  const eq = entry.indexOf('=');
  const name = entry.slice(0, eq);
  const value = entry.slice(eq + 1);
  if (name === 'search_path') return `set search_path = ${value.split(', ').map((v) => (v === '""' ? "''" : v)).join(', ')}`;
  return `set ${name} = ${quoteLiteral(value)}`;
}

export function createFunction(f: FunctionDef): string {
  const head = `create or replace ${f.kind} ${qualify(f.schema, f.name)}(${f.args})`;
  const traits = [f.kind === 'function' && f.returns ? `returns ${f.returns}` : '', `language ${quoteIdent(f.language)}`];
  if (f.kind === 'function') {
    traits.push(f.volatility, f.strict ? 'strict' : '', f.securityDefiner ? 'security definer' : '', f.leakproof ? 'leakproof' : '', `parallel ${f.parallel}`);
  } else if (f.securityDefiner) traits.push('security definer');
  if (f.cost !== undefined && f.kind === 'function') traits.push(`cost ${f.cost}`);
  if (f.rows !== undefined && f.kind === 'function') traits.push(`rows ${f.rows}`);
  for (const c of f.config ?? []) traits.push(settingSql(c));
  // A SQL-standard body is written as it is (`RETURN 42`, `BEGIN ATOMIC … END`): as a string it would fail when called.
  const body = f.standardBody ? f.body.trim() : `as ${dollarQuote(f.body)}`;
  return `${head}\n  ${traits.filter(Boolean).join(' ')}\n${body};`;
}

export function dropFunction(f: FunctionDef): string {
  return `drop ${f.kind} if exists ${functionId(f)};`;
}

export function createTrigger(t: TriggerDef): string {
  const create = t.definition.replace(/^CREATE (CONSTRAINT )?TRIGGER /, (_, c: string | undefined) => (c ? 'CREATE CONSTRAINT TRIGGER ' : 'CREATE OR REPLACE TRIGGER '));
  const lines = [`${create};`];
  if (t.enabled !== 'origin') {
    const how = { disabled: 'disable', replica: 'enable replica', always: 'enable always' }[t.enabled];
    lines.push(`alter table ${qualify(t.schema, t.table)} ${how} trigger ${quoteIdent(t.name)};`);
  }
  return lines.join('\n');
}

export function createView(v: ViewDef): string {
  const options = v.options?.length ? ` with (${v.options.join(', ')})` : '';
  return `create or replace view ${qualify(v.schema, v.name)}${options} as\n${reissuable(v.definition).replace(/;\s*$/, '')};`;
}

export function createMaterializedView(m: MaterializedViewDef): string {
  return `create materialized view if not exists ${qualify(m.schema, m.name)} as\n${reissuable(m.definition).replace(/;\s*$/, '')};`;
}

export function createCollation(c: CollationDef): string {
  const options = [`provider = ${c.provider}`];
  if (c.locale !== undefined) options.push(`locale = ${quoteLiteral(c.locale)}`);
  if (c.provider === 'libc' && c.lcCollate !== undefined) options.push(`lc_collate = ${quoteLiteral(c.lcCollate)}`);
  if (c.provider === 'libc' && c.lcCtype !== undefined) options.push(`lc_ctype = ${quoteLiteral(c.lcCtype)}`);
  if (!c.deterministic) options.push('deterministic = false');
  return `create collation if not exists ${qualify(c.schema, c.name)} (${options.join(', ')});`;
}

export function createEnum(e: EnumDef): string {
  return doIf(typeExists(e.schema, e.name), `create type ${qualify(e.schema, e.name)} as enum (${e.values.map(quoteLiteral).join(', ')})`);
}

export function createDomain(d: DomainDef): string {
  const parts = [`create domain ${qualify(d.schema, d.name)} as ${d.type}`];
  if (d.collation) parts.push(`collate ${quoteIdent(d.collation)}`);
  if (d.default !== undefined) parts.push(`default ${d.default}`);
  if (d.notNull) parts.push('not null');
  for (const c of d.checks) parts.push(`constraint ${quoteIdent(c.name)} ${c.expression}`);
  return doIf(typeExists(d.schema, d.name), parts.join(' '));
}

export function createCompositeType(c: CompositeTypeDef): string {
  const attrs = c.attributes.map((a) => `${quoteIdent(a.name)} ${a.type}${a.collation ? ` collate ${quoteIdent(a.collation)}` : ''}`).join(', ');
  return doIf(typeExists(c.schema, c.name), `create type ${qualify(c.schema, c.name)} as (${attrs})`);
}

export function createRangeType(r: RangeTypeDef): string {
  const options = [
    `subtype = ${r.subtype}`,
    ...(r.opclass ? [`subtype_opclass = ${r.opclass}`] : []),
    ...(r.collation ? [`collation = ${quoteIdent(r.collation)}`] : []),
    ...(r.canonical ? [`canonical = ${r.canonical}`] : []),
    ...(r.subtypeDiff ? [`subtype_diff = ${r.subtypeDiff}`] : []),
    `multirange_type_name = ${r.multirange}`,
  ];
  return doIf(typeExists(r.schema, r.name), `create type ${qualify(r.schema, r.name)} as range (${options.join(', ')})`);
}

export function sequenceOptions(s: SequenceDef): string {
  return `as ${s.type} increment by ${s.increment} minvalue ${s.min} maxvalue ${s.max} start with ${s.start} cache ${s.cache}${s.cycle ? ' cycle' : ' no cycle'}`;
}

export function createSequence(s: SequenceDef): string {
  return `create sequence if not exists ${qualify(s.schema, s.name)} ${sequenceOptions(s)};`;
}

export function commentOn(what: string, comment: string | undefined): string {
  return `comment on ${what} is ${comment === undefined ? 'null' : quoteLiteral(comment)};`;
}

/** `create publication` with its tables and operations, unless it exists. */
export function createPublication(x: PublicationDef): string {
  const what = x.allTables ? ' for all tables' : x.tables.length ? ` for table ${x.tables.join(', ')}` : '';
  return doIf(`not exists (select 1 from pg_publication where pubname = ${quoteLiteral(x.name)})`, `create publication ${quoteIdent(x.name)}${what} with (publish = ${quoteLiteral(x.operations.join(', '))})`);
}

export function setPublicationOperations(x: PublicationDef): string {
  return `alter publication ${quoteIdent(x.name)} set (publish = ${quoteLiteral(x.operations.join(', '))});`;
}

/** Add a table to a publication, or take it out, when it is not so already. */
export function publishTable(publication: string, table: string, add: boolean): string {
  const published = `exists (select 1 from pg_publication_rel r join pg_publication p on p.oid = r.prpubid where p.pubname = ${quoteLiteral(publication)} and r.prrelid = ${regclass(table)})`;
  return doIf(add ? `not ${published}` : published, `alter publication ${quoteIdent(publication)} ${add ? 'add' : 'drop'} table ${table}`);
}
