/** Reading migration parse trees: which tables a statement creates or touches, and where. */
import { byteToCharMapper, LineIndex, type SqlStatement } from '../sources/sql.js';

export type Node = Record<string, unknown>;

export { sval } from '../sources/sql.js';

export interface RangeVar {
  schemaname?: string;
  relname: string;
  location?: number;
}

/** `schema.table` of a range variable (public when unqualified: migrations run with public first). */
export function relationKey(rv: RangeVar): string {
  return `${rv.schemaname ?? 'public'}.${rv.relname}`;
}

/** The statement's own node (`{ CreateStmt: {...} }` → the inner object). */
export function inner<T = Node>(stmt: SqlStatement, kind: string): T | undefined {
  return stmt.kind === kind ? (stmt.node[kind] as T) : undefined;
}

/** The table a statement creates, if it creates one. */
export function createdTable(stmt: SqlStatement): RangeVar | undefined {
  const create = inner<{ relation: RangeVar }>(stmt, 'CreateStmt') ?? inner<{ into: { rel: RangeVar } }>(stmt, 'CreateTableAsStmt')?.into;
  return create ? ('relation' in create ? create.relation : (create as { rel: RangeVar }).rel) : undefined;
}

/** The table a statement alters, indexes, or puts a policy or trigger on. */
export function targetTable(stmt: SqlStatement): RangeVar | undefined {
  const withRelation = ['AlterTableStmt', 'IndexStmt', 'CreatePolicyStmt', 'CreateTrigStmt', 'AlterPolicyStmt'];
  for (const kind of withRelation) {
    const n = inner<{ relation?: RangeVar; table?: RangeVar }>(stmt, kind);
    if (n) return n.relation ?? n.table;
  }
  return undefined;
}

/** Byte offset (in the file) → 1-based line and column, through the statement's own location. */
export function locateByte(stmt: SqlStatement, fileText: string, byte: number | undefined): { line: number; column: number } {
  if (byte === undefined) return { line: stmt.line, column: stmt.column };
  return new LineIndex(fileText).locate(byteToCharMapper(fileText)(byte));
}

export function alterCommands(stmt: SqlStatement): Node[] {
  const alter = inner<{ cmds?: { AlterTableCmd: Node }[] }>(stmt, 'AlterTableStmt');
  return (alter?.cmds ?? []).map((c) => c.AlterTableCmd);
}
