/** Text renderings of an inspected schema: the summary table, and a full listing like psql's \d. */
import { functionId, printable, qualify, tableId } from '../model/ident.js';
import type { GrantDef, Schema, TableDef } from '../model/types.js';
import { SUMMARY_KINDS, type Summary, type SummaryKind } from './summary.js';
import { textTable } from './table.js';

const LABELS: Record<SummaryKind, string> = {
  tables: 'tables',
  platformTables: 'platform',
  columns: 'columns',
  indexes: 'indexes',
  constraints: 'constraints',
  enums: 'enums',
  domains: 'domains',
  sequences: 'sequences',
  views: 'views',
  materializedViews: 'mat. views',
  functions: 'functions',
  triggers: 'triggers',
  policies: 'policies',
  rlsEnabled: 'RLS on',
  rlsDisabled: 'RLS off',
};

export function renderSummary(summary: Summary, heading: string): string {
  const header = ['schema', ...SUMMARY_KINDS.map((k) => LABELS[k])];
  const rows = Object.entries(summary.bySchema).map(([name, c]) => [printable(name), ...SUMMARY_KINDS.map((k) => String(c[k]))]);
  rows.push(['total', ...SUMMARY_KINDS.map((k) => String(summary.total[k]))]);
  const out = [heading, '', textTable(header, rows, (i) => i > 0), ''];
  out.push(
    `extensions: ${summary.extensions.length ? summary.extensions.map((e) => `${e.name} (${e.schema})`).join(', ') : 'none'}`,
  );
  out.push(
    summary.tablesWithoutRls.length
      ? `tables without row level security: ${summary.tablesWithoutRls.join(', ')}`
      : 'every table has row level security enabled',
  );
  for (const p of summary.publications) out.push(`publication ${printable(p.name)}: ${p.tables} table${p.tables === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

/** `anon ALL, web SELECT (grantable)`. */
function grantList(grants: GrantDef[]): string {
  return grants.map((g) => `${g.grantee} ${g.privileges.join('/')}${g.withGrantOption ? ' (grantable)' : ''}`).join(', ') || 'none';
}

function renderTable(t: TableDef): string[] {
  const flags = [t.kind === 'partitioned table' ? `partitioned by ${t.partitionKey}` : '', t.partitionOf ? `partition of ${t.partitionOf.table} ${t.partitionOf.bound}` : '']
    .filter(Boolean)
    .join(', ');
  const rls = t.rls.enabled ? (t.rls.forced ? 'RLS on (forced)' : 'RLS on') : 'RLS off';
  const platform = t.platform ? '  platform table: only what the project put on it' : '';
  const out = [`table ${tableId(t)}  [${rls}]${flags ? `  ${flags}` : ''}${platform}`];
  for (const c of t.columns) {
    const extra = [
      c.notNull ? 'not null' : '',
      c.default ? `default ${c.default}` : '',
      c.identity ? `generated ${c.identity} as identity` : '',
      c.generated ? `generated always as (${c.generated})` : '',
      c.collation ? `collate ${c.collation}` : '',
    ].filter(Boolean);
    if (c.grants) extra.push(`grants ${grantList(c.grants)}`);
    out.push(`  ${c.name}  ${c.type}${extra.length ? `  ${extra.join(' ')}` : ''}`);
  }
  if (t.grants) out.push(`  grants  ${grantList(t.grants)}`);
  for (const k of t.constraints) out.push(`  constraint ${k.name}  ${k.definition}`);
  for (const i of t.indexes) out.push(`  index ${i.name}  ${i.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '$1')}`);
  for (const p of t.policies) {
    const parts = [`${p.permissive ? 'permissive' : 'restrictive'} for ${p.command} to ${p.roles.join(', ')}`];
    if (p.using) parts.push(`using (${p.using})`);
    if (p.withCheck) parts.push(`with check (${p.withCheck})`);
    out.push(`  policy ${p.name}  ${parts.join(' ')}`);
  }
  return out;
}

export function renderSchema(schema: Schema, heading: string): string {
  const out = [heading, ''];
  for (const e of schema.extensions) out.push(`extension ${e.name}  in ${e.schema}`);
  for (const e of schema.enums) out.push(`enum ${qualify(e.schema, e.name)}  (${e.values.join(', ')})`);
  for (const d of schema.domains) out.push(`domain ${qualify(d.schema, d.name)}  ${d.type}${d.notNull ? ' not null' : ''}`);
  for (const r of schema.rangeTypes ?? []) out.push(`type ${qualify(r.schema, r.name)}  (range of ${r.subtype})`);
  for (const c of schema.compositeTypes) out.push(`type ${qualify(c.schema, c.name)}  (${c.attributes.map((a) => `${a.name} ${a.type}`).join(', ')})`);
  for (const s of schema.sequences) out.push(`sequence ${qualify(s.schema, s.name)}  ${s.type}${s.ownedBy ? `  owned by ${s.ownedBy}` : ''}`);
  for (const t of schema.tables) out.push('', ...renderTable(t));
  if (schema.views.length || schema.materializedViews.length) out.push('');
  for (const v of schema.views) out.push(`view ${qualify(v.schema, v.name)}  (${v.columns.join(', ')})`);
  for (const m of schema.materializedViews) out.push(`materialized view ${qualify(m.schema, m.name)}  (${m.columns.join(', ')})`);
  if (schema.functions.length) out.push('');
  for (const f of schema.functions) {
    const traits = [f.language, f.volatility, f.securityDefiner ? 'security definer' : ''].filter(Boolean).join(', ');
    out.push(`${f.kind} ${functionId(f)}${f.returns ? ` returns ${f.returns}` : ''}  [${traits}]`);
  }
  if (schema.triggers.length) out.push('');
  for (const t of schema.triggers) out.push(`trigger ${t.name} on ${qualify(t.schema, t.table)}  executes ${t.function}`);
  if (schema.publications?.length) out.push('');
  for (const p of schema.publications ?? []) {
    const what = p.allTables ? 'all tables' : [...p.tables, ...(p.schemas ?? []).map((s) => `tables in schema ${s}`)].join(', ') || 'no tables';
    out.push(`publication ${p.name}  ${what}  (${p.operations.join(', ')})`);
  }
  // Names are printed as they are: none of their control characters may reach the terminal.
  return out.map(printable).join('\n') + '\n';
}
