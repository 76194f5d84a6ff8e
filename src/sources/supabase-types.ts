/**
 * Supabase-generated TypeScript types (`supabase gen types typescript` → database.types.ts) as a
 * source. Such a file says which tables, views, columns, enums and functions exist, whether a
 * column can be null, and a TypeScript type per column — not the exact SQL type, defaults, keys,
 * indexes or policies. So both sides of a comparison with it are first projected onto what it can
 * say (`projectToTypes`), and the rest is left out: a stale types file shows as real drift, and
 * nothing it cannot know shows at all.
 */
import type TS from 'typescript';
import { LocatedError, UserError } from '../errors.js';
import { compare, normalizeSchema } from '../model/normalize.js';
import { emptySchema } from '../model/empty.js';
import type { Schema } from '../model/types.js';
import type { ChangeKind } from '../diff/types.js';
import { PLATFORM_SCHEMAS } from '../inspect/scope.js';
import { readSourceText } from './text.js';
import { displayPath } from './migrations.js';

/** What a types file cannot describe. */
export const TYPES_FILE_BLIND_SPOTS: ChangeKind[] = ['rls', 'policy', 'trigger', 'publication', 'grant', 'comment', 'extension', 'sequence', 'constraint', 'index', 'domain', 'type', 'materialized view'];

const NUMBER = new Set(['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric', 'money']);
const BOOLEAN = new Set(['boolean']);
const JSON_TYPES = new Set(['json', 'jsonb']);

/** The TypeScript category supabase gen types gives a Postgres type (`ts:string`, `ts:enum:public.status`, …). */
export function typeCategory(pgType: string, enums: Set<string>): string {
  const array = pgType.endsWith('[]');
  const base = pgType.replace(/\[\]$/, '').replace(/\(.*\)/, '').trim();
  const category = NUMBER.has(base)
    ? 'ts:number'
    : BOOLEAN.has(base)
      ? 'ts:boolean'
      : JSON_TYPES.has(base)
        ? 'ts:Json'
        : enums.has(base.replaceAll('"', ''))
          ? `ts:enum:${base.replaceAll('"', '')}`
          : 'ts:string';
  return array ? `${category}[]` : category;
}

/** A schema reduced to what a types file can say. */
export function projectToTypes(schema: Schema): Schema {
  const enums = new Set(schema.enums.map((e) => `${e.schema}.${e.name}`));
  return normalizeSchema({
    ...emptySchema(),
    schemas: schema.schemas.map((s) => ({ name: s.name })),
    enums: schema.enums.map(({ comment: _, ...e }) => e),
    // A platform table is the platform's columns, which the model leaves out: nothing a types file says.
    tables: schema.tables.filter((t) => !t.platform).map((t) => ({
      schema: t.schema,
      name: t.name,
      kind: 'table',
      // A generated types file lists columns alphabetically: order carries no meaning here.
      columns: t.columns.map((c) => ({ name: c.name, type: typeCategory(c.type, enums), notNull: c.notNull })).sort((a, b) => compare(a.name, b.name)),
      constraints: [],
      indexes: [],
      rls: { enabled: false, forced: false },
      policies: [],
    })),
    views: schema.views.map((v) => ({ schema: v.schema, name: v.name, definition: '', columns: v.columns })),
    functions: [...new Map(schema.functions.map((f) => [`${f.schema}.${f.name}`, f])).values()].map((f) => ({
      schema: f.schema, name: f.name, kind: 'function', identityArgs: '', args: '', language: '', volatility: 'volatile', strict: false, securityDefiner: false, leakproof: false, parallel: 'unsafe', body: '',
    })),
  });
}

function members(node: TS.TypeNode | undefined): Map<string, TS.TypeNode> {
  const out = new Map<string, TS.TypeNode>();
  if (node && ts.isTypeLiteralNode(node)) {
    for (const m of node.members) {
      if (ts.isPropertySignature(m) && m.type && m.name) out.set(m.name.getText().replace(/^["']|["']$/g, ''), m.type);
    }
  }
  return out;
}

/** A column's TypeScript type → its category and nullability. */
function columnType(node: TS.TypeNode): { type: string; nullable: boolean } {
  const parts = ts.isUnionTypeNode(node) ? node.types : [node];
  const nullable = parts.some((p) => p.kind === ts.SyntaxKind.LiteralType && (p as TS.LiteralTypeNode).literal.kind === ts.SyntaxKind.NullKeyword);
  const rest = parts.filter((p) => !(p.kind === ts.SyntaxKind.LiteralType && (p as TS.LiteralTypeNode).literal.kind === ts.SyntaxKind.NullKeyword));
  const text = rest.map((p) => p.getText()).join(' | ').replace(/\s+/g, '');
  const array = text.endsWith('[]');
  const base = text.replace(/\[\]$/, '').replace(/^\((.*)\)$/, '$1');
  const enumRef = /^Database\[["'](\w+)["']\]\[["']Enums["']\]\[["'](\w+)["']\]$/.exec(base);
  const category = enumRef
    ? `ts:enum:${enumRef[1]}.${enumRef[2]}`
    : base === 'number' ? 'ts:number' : base === 'boolean' ? 'ts:boolean' : base === 'Json' ? 'ts:Json' : 'ts:string';
  return { type: array ? `${category}[]` : category, nullable };
}

/** TypeScript's parser, loaded when a types file is read (it takes a second or two to load). */
let ts: typeof TS;

export async function readSupabaseTypes(path: string): Promise<Schema> {
  ts ??= (await import('typescript')).default;
  const shown = displayPath(path);
  const text = readSourceText(path, shown);
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  // A file cut short still parses into something: its first syntax error says it is not whole.
  const broken = ts.transpileModule(text, { reportDiagnostics: true, fileName: path }).diagnostics?.find((d) => d.start !== undefined);
  if (broken) {
    const at = file.getLineAndCharacterOfPosition(broken.start!);
    throw new LocatedError({ file: shown, line: at.line + 1, column: at.character + 1 }, `${ts.flattenDiagnosticMessageText(broken.messageText, ' ')}: is the file cut short? Write it again with supabase gen types typescript`);
  }
  const database = file.statements.find((s): s is TS.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'Database');
  if (!database) throw new UserError(`${path}: no \`export type Database = {…}\`: is this a file written by supabase gen types typescript?`);
  const out = emptySchema();
  for (const [schemaName, schemaNode] of members(database.type)) {
    // Platform schemas (graphql_public, …) are left out, as inspection leaves them out.
    if (schemaName.startsWith('__') || PLATFORM_SCHEMAS.includes(schemaName)) continue;
    out.schemas.push({ name: schemaName });
    const parts = members(schemaNode);
    for (const [kind, target] of [['Tables', 'tables'], ['Views', 'views']] as const) {
      for (const [name, node] of members(parts.get(kind))) {
        const row = members(members(node).get('Row'));
        const columns = [...row]
          .map(([col, t]) => {
            const { type, nullable } = columnType(t);
            return { name: col, type, notNull: !nullable };
          })
          .sort((a, b) => compare(a.name, b.name));
        if (target === 'tables') out.tables.push({ schema: schemaName, name, kind: 'table', columns, constraints: [], indexes: [], rls: { enabled: false, forced: false }, policies: [] });
        else out.views.push({ schema: schemaName, name, definition: '', columns: columns.map((c) => c.name) });
      }
    }
    for (const [name, node] of members(parts.get('Enums'))) {
      const values = (ts.isUnionTypeNode(node) ? node.types : [node]).map((t) => t.getText().replace(/^["']|["']$/g, ''));
      out.enums.push({ schema: schemaName, name, values });
    }
    for (const name of members(parts.get('Functions')).keys()) {
      out.functions.push({ schema: schemaName, name, kind: 'function', identityArgs: '', args: '', language: '', volatility: 'volatile', strict: false, securityDefiner: false, leakproof: false, parallel: 'unsafe', body: '' });
    }
  }
  return normalizeSchema(out);
}
