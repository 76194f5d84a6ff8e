/** Reading migration parse trees: which tables a statement creates or touches, and where. */
import { qualify } from '../model/ident.js';
import { byteToCharMapper, type SqlStatement } from '../sources/sql.js';
import { LineIndex } from '../sources/line-index.js';

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

/** The table as SQL, quoted where PostgreSQL needs it (`public."Person"`): for hints the user may paste. */
export function relationSql(rv: RangeVar): string {
  return qualify(rv.schemaname ?? 'public', rv.relname);
}

/** The statement's own node (`{ CreateStmt: {...} }` → the inner object). */
export function inner<T = Node>(stmt: SqlStatement, kind: string): T | undefined {
  return stmt.kind === kind ? (stmt.node[kind] as T) : undefined;
}

/** What a transaction-control statement does (START TRANSACTION is a begin). */
export function transactionKind(stmt: SqlStatement): 'begin' | 'commit' | 'rollback' | undefined {
  const kind = (stmt.node.TransactionStmt as { kind?: string } | undefined)?.kind;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT') return 'commit';
  if (kind === 'TRANS_STMT_ROLLBACK') return 'rollback';
  return undefined;
}

/** The table a statement creates, if it creates one. */
export function createdTable(stmt: SqlStatement): RangeVar | undefined {
  const create = inner<{ relation: RangeVar }>(stmt, 'CreateStmt') ?? inner<{ into: { rel: RangeVar } }>(stmt, 'CreateTableAsStmt')?.into;
  return create ? ('relation' in create ? create.relation : (create as { rel: RangeVar }).rel) : undefined;
}

/** The table a statement alters, indexes, renames, clusters or vacuums, or puts a policy or trigger on. */
export function targetTable(stmt: SqlStatement): RangeVar | undefined {
  const withRelation = ['AlterTableStmt', 'IndexStmt', 'CreatePolicyStmt', 'CreateTrigStmt', 'AlterPolicyStmt', 'ClusterStmt', 'ReindexStmt'];
  for (const kind of withRelation) {
    const n = inner<{ relation?: RangeVar; table?: RangeVar }>(stmt, kind);
    if (n) return n.relation ?? n.table;
  }
  const rename = inner<{ relation?: RangeVar; renameType?: string }>(stmt, 'RenameStmt');
  if (rename?.relation) return rename.relation;
  const vacuum = inner<{ rels?: { VacuumRelation: { relation?: RangeVar } }[] }>(stmt, 'VacuumStmt');
  return vacuum?.rels?.[0]?.VacuumRelation.relation;
}

/** A table renamed by the statement (`ALTER TABLE a RENAME TO b`), as `schema.name` keys. */
export function renamedTable(stmt: SqlStatement): { from: string; to: string } | undefined {
  const rename = inner<{ relation?: RangeVar; renameType?: string; newname?: string }>(stmt, 'RenameStmt');
  if (!rename?.relation || rename.renameType !== 'OBJECT_TABLE' || !rename.newname) return undefined;
  return { from: relationKey(rename.relation), to: relationKey({ schemaname: rename.relation.schemaname, relname: rename.newname }) };
}

/** Every table or view the statement names anywhere (its target, FROM lists, a foreign key's table, …). */
export function namedRelations(stmt: SqlStatement): RangeVar[] {
  const out: RangeVar[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    // A range variable is the one node with a relation name and a persistence.
    if (typeof (n as RangeVar).relname === 'string' && 'relpersistence' in n) out.push(n as unknown as RangeVar);
    else Object.values(n).forEach(visit);
  };
  visit(stmt.node);
  return out;
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
