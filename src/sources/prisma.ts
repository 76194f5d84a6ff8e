/**
 * A Prisma schema as a source: read with Prisma's own parser (@prisma/prisma-schema-wasm, no engine
 * download) and mapped to the model with the names and types Prisma's migrations give PostgreSQL:
 * `@map`/`@@map`, scalar and `@db.*` native types, enums, defaults (`autoincrement()` as a serial
 * sequence, `now()`, `dbgenerated()`, literals; `uuid()`/`cuid()` have no database default), ids,
 * `@unique`/`@@unique` (unique indexes), `@@index`, relations as foreign keys with Prisma's names and
 * referential actions, implicit many-to-many join tables, and `@@schema`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LocatedError, UserError } from '../errors.js';
import { columnId, qualify, quoteIdent, quoteLiteral } from '../model/ident.js';
import { normalizeSchema } from '../model/normalize.js';
import { emptySchema, type ColumnDef, type ForeignKeyAction, type Schema, type TableDef } from '../model/types.js';
import type { ChangeKind } from '../diff/types.js';
import { LineIndex } from './sql.js';

/** What a Prisma schema cannot describe: comparisons against it leave these kinds out. */
export const PRISMA_BLIND_SPOTS: ChangeKind[] = ['rls', 'policy', 'view', 'materialized view', 'function', 'trigger', 'comment', 'extension', 'domain', 'type'];

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt?: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc'; length?: number; operatorClass?: string }[];
}
interface Dmmf {
  datamodel: {
    enums: { name: string; dbName?: string | null; schema?: string | null; values: { name: string; dbName?: string | null }[] }[];
    models: DmmfModel[];
    indexes: DmmfIndex[];
  };
}

type Wasm = { get_dmmf(params: string): string; lint(params: string): string };

function wasm(): Wasm {
  return createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as Wasm;
}

/** The `.prisma` files of a schema: one file, or every .prisma file of a folder (multi-file schemas). */
export function prismaFiles(path: string): [string, string][] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.prisma')).sort().map((f) => join(path, f))
    : [path];
  if (!files.length) throw new UserError(`no .prisma files in ${path}`);
  return files.map((f) => [f, readFileSync(f, 'utf8')]);
}

function readDmmf(files: [string, string][]): Dmmf {
  const w = wasm();
  try {
    return JSON.parse(w.get_dmmf(JSON.stringify({ prismaSchema: files, noColor: true }))) as Dmmf;
  } catch (e) {
    const diagnostics = JSON.parse(w.lint(JSON.stringify(files))) as { file_name: string; start: number; text: string; is_warning: boolean }[];
    const first = diagnostics.find((d) => !d.is_warning);
    const text = first && files.find(([name]) => name === first.file_name)?.[1];
    if (first && text !== undefined) throw new LocatedError({ file: first.file_name, ...new LineIndex(text).locate(first.start) }, `${first.text} (fix the Prisma schema)`);
    const message = (() => {
      try {
        return String((JSON.parse((e as Error).message) as { message: string }).message).split('\n')[0]!;
      } catch {
        return (e as Error).message.split('\n')[0]!;
      }
    })();
    throw new UserError(`${files[0]![0]}: ${message}`);
  }
}

const SCALARS: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function nativeType([name, args]: [string, string[]]): string {
  const a = args.join(',');
  const withArgs = (t: string) => (a ? `${t}(${a})` : t);
  switch (name) {
    case 'VarChar': return withArgs('character varying');
    case 'Char': return withArgs('character');
    case 'Text': return 'text';
    case 'Uuid': return 'uuid';
    case 'Timestamp': return `timestamp(${a || '3'}) without time zone`;
    case 'Timestamptz': return `timestamp(${a || '3'}) with time zone`;
    case 'Time': return `time(${a || '3'}) without time zone`;
    case 'Timetz': return `time(${a || '3'}) with time zone`;
    case 'Date': return 'date';
    case 'SmallInt': return 'smallint';
    case 'Integer': return 'integer';
    case 'BigInt': return 'bigint';
    case 'Real': return 'real';
    case 'DoublePrecision': return 'double precision';
    case 'Decimal': return withArgs('numeric');
    case 'Money': return 'money';
    case 'Boolean': return 'boolean';
    case 'Json': return 'json';
    case 'JsonB': return 'jsonb';
    case 'ByteA': return 'bytea';
    case 'Inet': return 'inet';
    case 'Citext': return 'citext';
    case 'Xml': return 'xml';
    case 'Bit': return withArgs('bit');
    case 'VarBit': return withArgs('bit varying');
    case 'Oid': return 'oid';
    default: return name.toLowerCase();
  }
}

const ACTIONS: Record<string, ForeignKeyAction> = { Cascade: 'cascade', Restrict: 'restrict', NoAction: 'no action', SetNull: 'set null', SetDefault: 'set default' };
const ACTION_SQL: Record<ForeignKeyAction, string> = { cascade: 'CASCADE', restrict: 'RESTRICT', 'no action': 'NO ACTION', 'set null': 'SET NULL', 'set default': 'SET DEFAULT' };

/** A literal default as Postgres prints it back (`'x'::text`, `'USER'::public."Role"`). */
function literalDefault(value: unknown, type: string): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return value < 0 ? `'${value}'::${type}` : String(value);
  if (type === 'integer' || type === 'bigint' || type === 'smallint' || type.startsWith('numeric') || type === 'double precision' || type === 'real') {
    return String(value).startsWith('-') ? `'${String(value)}'::${type}` : String(value);
  }
  return `${quoteLiteral(String(value))}::${type}`;
}

export interface PrismaSchema {
  schema: Schema;
  files: string[];
}

export function readPrismaSchema(path: string): PrismaSchema {
  if (!existsSync(path)) throw new UserError(`source not found: ${path}`);
  const files = prismaFiles(path);
  const dmmf = readDmmf(files);
  return { schema: mapDmmf(dmmf), files: files.map(([f]) => f) };
}

export function mapDmmf(dmmf: Dmmf): Schema {
  const out = emptySchema();
  const { enums, models, indexes } = dmmf.datamodel;
  const schemaOf = (s: string | null | undefined) => s ?? 'public';
  const enumType = new Map(enums.map((e) => [e.name, qualify(schemaOf(e.schema), e.dbName ?? e.name)]));
  const enumValue = new Map(enums.map((e) => [e.name, new Map(e.values.map((v) => [v.name, v.dbName ?? v.name]))]));
  const byName = new Map(models.map((m) => [m.name, m]));
  const tableName = (m: DmmfModel) => m.dbName ?? m.name;
  const column = (f: DmmfField) => f.dbName ?? f.name;
  const fieldColumn = (m: DmmfModel, name: string) => column(m.fields.find((f) => f.name === name)!);
  const used = new Set<string>();

  for (const e of enums) {
    out.enums.push({ schema: schemaOf(e.schema), name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) });
    used.add(schemaOf(e.schema));
  }

  const typeOf = (f: DmmfField) => {
    const base = f.kind === 'enum' ? enumType.get(f.type)! : f.nativeType ? nativeType(f.nativeType) : (SCALARS[f.type] ?? f.type.toLowerCase());
    return f.isList ? `${base}[]` : base;
  };

  for (const m of models) {
    const schema = schemaOf(m.schema);
    used.add(schema);
    const name = tableName(m);
    const table: TableDef = { schema, name, kind: 'table', columns: [], constraints: [], indexes: [], rls: { enabled: false, forced: false }, policies: [] };
    const tid = qualify(schema, name);
    for (const f of m.fields.filter((x) => x.kind === 'scalar' || x.kind === 'enum' || x.kind === 'unsupported')) {
      const col: ColumnDef = { name: column(f), type: typeOf(f), notNull: f.isRequired || f.isList };
      const d = f.default as { name?: string; args?: unknown[] } | unknown;
      if (d && typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
        const fn = d as { name: string; args: unknown[] };
        if (fn.name === 'autoincrement') {
          const seq = `${name}_${col.name}_seq`;
          col.default = `nextval(${quoteLiteral(qualify(schema, seq))}::regclass)`;
          out.sequences.push({ schema, name: seq, type: col.type === 'bigint' ? 'bigint' : col.type === 'smallint' ? 'smallint' : 'integer', start: '1', increment: '1', min: '1', max: col.type === 'bigint' ? '9223372036854775807' : col.type === 'smallint' ? '32767' : '2147483647', cache: '1', cycle: false, ownedBy: columnId(table, col.name) });
        } else if (fn.name === 'now') col.default = 'CURRENT_TIMESTAMP';
        else if (fn.name === 'dbgenerated' && typeof fn.args[0] === 'string') col.default = fn.args[0];
      } else if (d !== undefined && d !== null) {
        if (f.kind === 'enum') col.default = `${quoteLiteral(enumValue.get(f.type)?.get(String(d)) ?? String(d))}::${enumType.get(f.type)}`;
        else if (Array.isArray(d)) col.default = `${quoteLiteral(`{${d.join(',')}}`)}::${col.type}`;
        else col.default = literalDefault(d, col.type);
      }
      table.columns.push(col);
    }
    for (const f of m.fields.filter((x) => x.kind === 'object' && x.relationFromFields?.length)) {
      const target = byName.get(f.type)!;
      const cols = f.relationFromFields!.map((n) => fieldColumn(m, n));
      const refs = f.relationToFields!.map((n) => fieldColumn(target, n));
      const optional = cols.some((c) => !table.columns.find((x) => x.name === c)?.notNull);
      const onDelete = ACTIONS[f.relationOnDelete ?? ''] ?? (optional ? 'set null' : 'restrict');
      const onUpdate = ACTIONS[f.relationOnUpdate ?? ''] ?? 'cascade';
      const targetTable = qualify(schemaOf(target.schema), tableName(target));
      const tail = [onUpdate !== 'no action' ? ` ON UPDATE ${ACTION_SQL[onUpdate]}` : '', onDelete !== 'no action' ? ` ON DELETE ${ACTION_SQL[onDelete]}` : ''].join('');
      table.constraints.push({
        name: `${name}_${cols.join('_')}_fkey`,
        type: 'foreign key',
        definition: `FOREIGN KEY (${cols.map(quoteIdent).join(', ')}) REFERENCES ${targetTable}(${refs.map(quoteIdent).join(', ')})${tail}`,
        columns: cols,
        references: { table: targetTable, columns: refs, onUpdate, onDelete },
      });
    }
    for (const i of indexes.filter((x) => x.model === m.name)) {
      const cols = i.fields.map((x) => fieldColumn(m, x.name));
      if (i.type === 'id') {
        const pk = i.dbName ?? `${name}_pkey`;
        table.constraints.push({ name: pk, type: 'primary key', definition: `PRIMARY KEY (${cols.map(quoteIdent).join(', ')})`, columns: cols });
        for (const c of cols) table.columns.find((x) => x.name === c)!.notNull = true;
        continue;
      }
      const unique = i.type === 'unique';
      const indexName = i.dbName ?? `${name}_${cols.join('_')}_${unique ? 'key' : 'idx'}`;
      const method = (i.algorithm ?? 'BTree').toLowerCase().replace('spgist', 'spgist');
      const keys = i.fields.map((x) => `${quoteIdent(fieldColumn(m, x.name))}${x.operatorClass ? ` ${x.operatorClass.toLowerCase()}` : ''}${x.sortOrder === 'desc' ? ' DESC' : ''}`);
      table.indexes.push({
        name: indexName,
        definition: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(indexName)} ON ${tid} USING ${method} (${keys.join(', ')})`,
        unique,
        method,
        keys,
      });
    }
    out.tables.push(table);
  }

  // Implicit many-to-many relations: a join table `_RelationName` with columns A and B.
  const seen = new Set<string>();
  for (const m of models) {
    for (const f of m.fields.filter((x) => x.kind === 'object' && x.isList && !x.relationFromFields?.length)) {
      const other = byName.get(f.type)!;
      const back = other.fields.find((x) => x.relationName === f.relationName && x !== f);
      if (!back?.isList || seen.has(f.relationName!)) continue;
      seen.add(f.relationName!);
      const [a, b] = [m, other].sort((x, y) => (x.name < y.name ? -1 : 1)) as [DmmfModel, DmmfModel];
      const name = `_${f.relationName}`;
      const schema = schemaOf(a.schema);
      const tid = qualify(schema, name);
      const idOf = (x: DmmfModel) => x.fields.find((y) => y.isId) ?? x.fields.find((y) => indexes.some((i) => i.model === x.name && i.type === 'id' && i.fields[0]?.name === y.name))!;
      const side = (x: DmmfModel, col: 'A' | 'B') => {
        const id = idOf(x);
        return { col, type: typeOf(id), ref: qualify(schemaOf(x.schema), tableName(x)), refCol: column(id) };
      };
      const sides = [side(a, 'A'), side(b, 'B')];
      out.tables.push({
        schema,
        name,
        kind: 'table',
        columns: sides.map((s) => ({ name: s.col, type: s.type, notNull: true })),
        constraints: [
          { name: `${name}_AB_pkey`, type: 'primary key', definition: 'PRIMARY KEY ("A", "B")', columns: ['A', 'B'] },
          ...sides.map((s) => ({
            name: `${name}_${s.col}_fkey`,
            type: 'foreign key' as const,
            definition: `FOREIGN KEY ("${s.col}") REFERENCES ${s.ref}(${quoteIdent(s.refCol)}) ON UPDATE CASCADE ON DELETE CASCADE`,
            columns: [s.col],
            references: { table: s.ref, columns: [s.refCol], onUpdate: 'cascade' as const, onDelete: 'cascade' as const },
          })),
        ],
        indexes: [{ name: `${name}_B_index`, definition: `CREATE INDEX "${name}_B_index" ON ${tid} USING btree ("B")`, unique: false, method: 'btree', keys: ['"B"'] }],
        rls: { enabled: false, forced: false },
        policies: [],
      });
    }
  }
  out.schemas = [...used].map((name) => ({ name }));
  return normalizeSchema(out);
}
