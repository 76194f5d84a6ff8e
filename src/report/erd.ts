/**
 * The schema as an entity-relationship description, from the model: Mermaid's `erDiagram` (which
 * GitHub draws in markdown) and DBML (dbdiagram.io, dbdocs). Tables with their columns, types, keys
 * and nullability; foreign keys as relationships, with their cardinality (a key that is also unique
 * is one to one; a nullable one is optional).
 */
import { tableId } from '../model/ident.js';
import type { ConstraintDef, Schema, TableDef } from '../model/types.js';

type Table = TableDef;

export function keyColumns(t: Table): { pk: Set<string>; fk: Set<string>; unique: Set<string> } {
  const of = (type: ConstraintDef['type']) => new Set(t.constraints.filter((c) => c.type === type).flatMap((c) => c.columns));
  const uniqueOne = t.constraints.filter((c) => c.type === 'unique' && c.columns.length === 1).flatMap((c) => c.columns);
  return { pk: of('primary key'), fk: of('foreign key'), unique: new Set(uniqueOne) };
}

/** Whether the columns are the table's primary key or one of its unique keys (then a reference to it is one to one). */
export function isUniqueKey(t: Table, columns: string[]): boolean {
  const same = (a: string[]) => a.length === columns.length && a.every((c) => columns.includes(c));
  return t.constraints.some((c) => (c.type === 'primary key' || c.type === 'unique') && same(c.columns)) || t.indexes.some((i) => i.unique && !i.where && same(i.keys));
}

/** The project's tables (a platform table stands in the model only for what the project put on it). */
export const projectTables = (schema: Schema) => schema.tables.filter((t) => !t.platform);

/** Identity → schema and name of a table the project's foreign keys reference outside its own (Supabase's auth.users). */
export function referencedElsewhere(schema: Schema): Map<string, { schema: string; name: string; columns: Map<string, string> }> {
  const own = new Set(projectTables(schema).map(tableId));
  const out = new Map<string, { schema: string; name: string; columns: Map<string, string> }>();
  for (const t of projectTables(schema)) {
    for (const fk of foreignKeys(t)) {
      if (own.has(fk.references.table)) continue;
      const target = schema.tables.find((x) => tableId(x) === fk.references.table) ?? splitId(fk.references.table);
      const entry = out.get(fk.references.table) ?? { schema: target.schema, name: target.name, columns: new Map<string, string>() };
      // Its columns are the platform's: those referenced are shown, with the type the referencing column has.
      fk.references.columns.forEach((c, i) => entry.columns.set(c, t.columns.find((col) => col.name === fk.columns[i])?.type ?? 'unknown'));
      out.set(fk.references.table, entry);
    }
  }
  return out;
}

/** `schema.name` of an identity (each part possibly quoted). */
export function splitId(id: string): { schema: string; name: string } {
  const parts = [...id.matchAll(/"((?:[^"]|"")*)"|([^."]+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!));
  return { schema: parts[0] ?? '', name: parts.slice(1).join('.') };
}

export const foreignKeys = (t: Table) => t.constraints.filter((c): c is ConstraintDef & { references: NonNullable<ConstraintDef['references']> } => c.type === 'foreign key' && Boolean(c.references));

// --- Mermaid -------------------------------------------------------------------------------------

/** Mermaid attribute names and types are words: anything else becomes `_`. */
const mermaidWord = (s: string) => s.replace(/[^A-Za-z0-9_\-[\]()]/g, '_').replace(/^(?=[^A-Za-z_*])/, '_');
const mermaidEntity = (t: { schema: string; name: string }) => `"${`${t.schema}.${t.name}`.replace(/"/g, "'")}"`;
const mermaidText = (s: string) => s.replace(/["\n\r]/g, ' ');

export function renderMermaid(schema: Schema): string {
  const out = ['erDiagram'];
  const tables = projectTables(schema);
  for (const t of tables) {
    const keys = keyColumns(t);
    out.push(`  ${mermaidEntity(t)} {`);
    for (const c of t.columns) {
      const marks = [keys.pk.has(c.name) ? 'PK' : '', keys.fk.has(c.name) ? 'FK' : '', keys.unique.has(c.name) ? 'UK' : ''].filter(Boolean).join(', ');
      const note = [c.notNull && !keys.pk.has(c.name) ? 'not null' : '', c.default ? `default ${c.default}` : ''].filter(Boolean).join(', ');
      out.push(`    ${mermaidWord(c.type)} ${mermaidWord(c.name)}${marks ? ` ${marks}` : ''}${note ? ` "${mermaidText(note)}"` : ''}`);
    }
    out.push('  }');
  }
  for (const ext of referencedElsewhere(schema).values()) {
    out.push(`  ${mermaidEntity(ext)} {`, ...[...ext.columns].map(([c, type]) => `    ${mermaidWord(type)} ${mermaidWord(c)} PK`), '  }');
  }
  const ids = new Map(schema.tables.map((t) => [tableId(t), t]));
  for (const t of tables) {
    for (const fk of foreignKeys(t)) {
      const optional = fk.columns.some((c) => !t.columns.find((col) => col.name === c)?.notNull);
      const many = isUniqueKey(t, fk.columns) ? '|' : '}';
      const parent = ids.get(fk.references.table) ?? splitId(fk.references.table);
      out.push(`  ${mermaidEntity(t)} ${many}o--${optional ? 'o|' : '||'} ${mermaidEntity(parent)} : "${mermaidText(fk.name)}"`);
    }
  }
  return out.join('\n') + '\n';
}

// --- DBML ----------------------------------------------------------------------------------------

/** DBML quotes names in double quotes and has no escape for one inside: it becomes a single quote (a diagram, not SQL). */
const dbmlName = (s: string) => `"${s.replace(/"/g, "'")}"`;
const dbmlTable = (t: { schema: string; name: string }) => `${dbmlName(t.schema)}.${dbmlName(t.name)}`;
const dbmlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const dbmlType = (type: string, enums: Map<string, { schema: string; name: string }>) => {
  // A column of one of the schema's enums names it as DBML names the Enum, so that the diagram links them.
  const e = enums.get(type);
  if (e) return dbmlTable(e);
  return /^[A-Za-z_][\w]*(\(\d+(,\s*\d+)?\))?(\[\])?$/.test(type) ? type : dbmlName(type);
};
const dbmlExpr = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const ACTIONS: Record<string, string> = { 'no action': 'no action', restrict: 'restrict', cascade: 'cascade', 'set null': 'set null', 'set default': 'set default' };

export function renderDbml(schema: Schema): string {
  const out: string[] = [];
  for (const e of schema.enums) {
    out.push(`Enum ${dbmlTable(e)} {`, ...e.values.map((v) => `  ${dbmlName(v)}`), '}', '');
  }
  const enums = new Map(schema.enums.map((e) => [tableId(e), e]));
  const tables = projectTables(schema);
  for (const t of tables) {
    const pk = t.constraints.find((c) => c.type === 'primary key');
    const uniques = t.constraints.filter((c) => c.type === 'unique');
    out.push(`Table ${dbmlTable(t)} {`);
    for (const c of t.columns) {
      const settings = [
        pk?.columns.length === 1 && pk.columns[0] === c.name ? 'pk' : '',
        c.notNull ? 'not null' : '',
        uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name) ? 'unique' : '',
        c.default ? `default: ${dbmlExpr(c.default)}` : '',
        c.comment ? `note: ${dbmlString(c.comment)}` : '',
      ].filter(Boolean);
      out.push(`  ${dbmlName(c.name)} ${dbmlType(c.type, enums)}${settings.length ? ` [${settings.join(', ')}]` : ''}`);
    }
    const composite = [...(pk && pk.columns.length > 1 ? [[pk.columns, 'pk'] as const] : []), ...uniques.filter((u) => u.columns.length > 1).map((u) => [u.columns, `unique, name: ${dbmlString(u.name)}`] as const)];
    if (composite.length) {
      out.push('', '  indexes {', ...composite.map(([cols, how]) => `    (${cols.map(dbmlName).join(', ')}) [${how}]`), '  }');
    }
    if (t.comment) out.push('', `  Note: ${dbmlString(t.comment)}`);
    out.push('}', '');
  }
  for (const ext of referencedElsewhere(schema).values()) {
    out.push(`Table ${dbmlTable(ext)} {`, ...[...ext.columns].map(([c, type]) => `  ${dbmlName(c)} ${dbmlType(type, enums)} [pk]`), '', `  Note: ${dbmlString('not the project\'s: only the columns its foreign keys reference')}`, '}', '');
  }
  const ids = new Map(schema.tables.map((t) => [tableId(t), t]));
  for (const t of tables) {
    for (const fk of foreignKeys(t)) {
      const parent = ids.get(fk.references.table) ?? splitId(fk.references.table);
      const cols = (names: string[]) => (names.length === 1 ? dbmlName(names[0]!) : `(${names.map(dbmlName).join(', ')})`);
      const kind = isUniqueKey(t, fk.columns) ? '-' : '>';
      const actions = [fk.references.onDelete !== 'no action' ? `delete: ${ACTIONS[fk.references.onDelete]}` : '', fk.references.onUpdate !== 'no action' ? `update: ${ACTIONS[fk.references.onUpdate]}` : ''].filter(Boolean);
      out.push(`Ref ${dbmlName(fk.name)}: ${dbmlTable(t)}.${cols(fk.columns)} ${kind} ${dbmlTable(parent)}.${cols(fk.references.columns)}${actions.length ? ` [${actions.join(', ')}]` : ''}`);
    }
  }
  return out.join('\n').trimEnd() + '\n';
}
