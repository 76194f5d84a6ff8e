/**
 * What the report's entity-relationship diagram shows, as plain data: each table with its columns,
 * keys and nullability, each foreign key as an edge, and the marks that say what is wrong with a
 * table (it drifted, lacks RLS, has findings, or is missing from the source).
 */
import { tableId } from '../../model/ident.js';
import type { Schema, TableDef } from '../../model/types.js';
import { foreignKeys, isUniqueKey, keyColumns, projectTables, referencedElsewhere } from '../erd.js';

export interface Entity {
  /** The table's identity (`public.users`, quoted where the name needs it). */
  id: string;
  schema: string;
  name: string;
  columns: { name: string; type: string; nullable: boolean; keys: string }[];
  /** Not the project's: a platform table (auth.users) drawn with the columns its foreign keys reference. */
  platform: boolean;
  /** In the compared source only: the table the source lacks. */
  missing: boolean;
}

export interface Relation {
  id: string;
  /** The foreign key's name. */
  name: string;
  from: string;
  to: string;
  columns: string[];
  references: string[];
  /** The referencing columns are themselves a key: one to one. */
  oneToOne: boolean;
}

export interface Marks {
  drift: number;
  rlsOff: boolean;
  findings: number;
}

export interface Diagram {
  entities: Entity[];
  relations: Relation[];
  marks: Map<string, Marks>;
}

function entity(t: TableDef, missing: boolean): Entity {
  const keys = keyColumns(t);
  return {
    id: tableId(t),
    schema: t.schema,
    name: t.name,
    columns: t.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nullable: !c.notNull,
      keys: [keys.pk.has(c.name) ? 'PK' : '', keys.fk.has(c.name) ? 'FK' : '', keys.unique.has(c.name) && !keys.pk.has(c.name) ? 'UK' : ''].filter(Boolean).join(' '),
    })),
    platform: false,
    missing,
  };
}

/** The diagram of `schema`, with `missing` (tables of the compared source that `schema` lacks) drawn apart. */
export function diagramOf(schema: Schema, missing: TableDef[], marks: Map<string, Marks>): Diagram {
  const tables = [...projectTables(schema).map((t) => entity(t, false)), ...missing.map((t) => entity(t, true))];
  const all = { ...schema, tables: [...schema.tables, ...missing] };
  for (const ext of referencedElsewhere(all).values()) {
    tables.push({ id: tableId(ext), schema: ext.schema, name: ext.name, platform: true, missing: false, columns: [...ext.columns].map(([name, type]) => ({ name, type, nullable: false, keys: 'PK' })) });
  }
  const relations = [...projectTables(schema), ...missing].flatMap((t) =>
    foreignKeys(t).map((fk, i) => ({
      id: `${tableId(t)}#${i}`,
      name: fk.name,
      from: tableId(t),
      to: fk.references.table,
      columns: fk.columns,
      references: fk.references.columns,
      oneToOne: isUniqueKey(t, fk.columns),
    })),
  );
  return { entities: tables, relations, marks };
}

/**
 * The table an object belongs to: a table's own identity, or the longest table identity the
 * object's starts with (`public.users.email`, `public.users.own rows`); an index by its name.
 */
export function tableResolver(schema: Schema): (object: string) => string | undefined {
  const ids = schema.tables.map(tableId).sort((a, b) => b.length - a.length);
  const indexes = new Map(schema.tables.flatMap((t) => t.indexes.map((i) => [tableId({ schema: t.schema, name: i.name }), tableId(t)] as const)));
  return (object) => ids.find((id) => object === id || object.startsWith(`${id}.`)) ?? indexes.get(object);
}

/** Per table: its drift changes (over every comparison), whether RLS is off where the API reaches it, its findings. */
export function collectMarks(
  resolve: (object: string) => string | undefined,
  drift: { changes: { object: string; table?: string }[] }[],
  rlsOff: string[],
  findings: { object: string; suppressed?: string }[],
): Map<string, Marks> {
  const marks = new Map<string, Marks>();
  const at = (id: string) => marks.get(id) ?? marks.set(id, { drift: 0, rlsOff: false, findings: 0 }).get(id)!;
  for (const c of drift.flatMap((r) => r.changes)) {
    const id = c.table ?? resolve(c.object);
    if (id) at(id).drift++;
  }
  for (const id of rlsOff) at(id).rlsOff = true;
  for (const f of findings) {
    const id = f.suppressed === undefined ? resolve(f.object) : undefined;
    if (id) at(id).findings++;
  }
  return marks;
}
