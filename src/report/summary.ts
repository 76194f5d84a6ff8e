/** `pgdrift inspect --summary`: counts per object kind and per schema, and which tables have RLS. */
import { tableId } from '../model/ident.js';
import { compare } from '../model/normalize.js';
import type { Schema } from '../model/types.js';

export const SUMMARY_KINDS = [
  'tables',
  /** Platform tables the project put policies on or changed RLS of (TableZ.platform). */
  'platformTables',
  'columns',
  'indexes',
  'constraints',
  'enums',
  'domains',
  'sequences',
  'views',
  'materializedViews',
  'functions',
  'triggers',
  'policies',
  'rlsEnabled',
  'rlsDisabled',
] as const;

export type SummaryKind = (typeof SUMMARY_KINDS)[number];
export type Counts = Record<SummaryKind, number>;

export interface Summary {
  total: Counts;
  bySchema: Record<string, Counts>;
  extensions: { name: string; schema: string }[];
  tablesWithoutRls: string[];
  /** Each publication with the number of tables it publishes. */
  publications: { name: string; tables: number }[];
}

const zero = (): Counts => Object.fromEntries(SUMMARY_KINDS.map((k) => [k, 0])) as Counts;

export function summarize(schema: Schema): Summary {
  const bySchema: Record<string, Counts> = {};
  const counts = (s: string) => (bySchema[s] ??= zero());
  for (const ns of schema.schemas) counts(ns.name);
  const add = (s: string, kind: SummaryKind, n = 1) => (counts(s)[kind] += n);
  for (const t of schema.tables) {
    add(t.schema, t.platform ? 'platformTables' : 'tables');
    add(t.schema, 'columns', t.columns.length);
    add(t.schema, 'indexes', t.indexes.length);
    add(t.schema, 'constraints', t.constraints.length);
    add(t.schema, 'policies', t.policies.length);
    add(t.schema, t.rls.enabled ? 'rlsEnabled' : 'rlsDisabled');
  }
  for (const e of schema.enums) add(e.schema, 'enums');
  for (const d of schema.domains) add(d.schema, 'domains');
  for (const s of schema.sequences) add(s.schema, 'sequences');
  for (const v of schema.views) add(v.schema, 'views');
  for (const m of schema.materializedViews) {
    add(m.schema, 'materializedViews');
    add(m.schema, 'indexes', m.indexes.length);
  }
  for (const f of schema.functions) add(f.schema, 'functions');
  for (const t of schema.triggers) add(t.schema, 'triggers');

  const total = zero();
  for (const c of Object.values(bySchema)) for (const k of SUMMARY_KINDS) total[k] += c[k];
  const sorted = Object.fromEntries(Object.entries(bySchema).sort(([a], [b]) => compare(a, b)));
  return {
    total,
    bySchema: sorted,
    extensions: schema.extensions,
    tablesWithoutRls: schema.tables.filter((t) => !t.rls.enabled).map(tableId),
    publications: (schema.publications ?? []).map((p) => ({ name: p.name, tables: p.tables.length })),
  };
}
