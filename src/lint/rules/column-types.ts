/** The column types a statement writes (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE), for the type style rules. */
import { alterCommands, createdTable, inner, relationKey, sval, type Node } from '../ast.js';
import type { SqlStatement } from '../../sources/sql.js';

export interface WrittenType {
  table: string;
  column: string;
  /** The type's name as the parser resolves it, without `pg_catalog.` (`int4`, `varchar`, `serial`). */
  name: string;
  /** Length or precision given, e.g. varchar(100). */
  modifiers: number;
}

interface TypeName { names?: unknown[]; typmods?: unknown[] }

export function writtenTypes(stmt: SqlStatement): WrittenType[] {
  const table = createdTable(stmt) ?? inner<{ relation?: { relname: string } }>(stmt, 'AlterTableStmt')?.relation;
  if (!table) return [];
  const key = relationKey(table as { relname: string });
  const columns: { column: string; type?: TypeName }[] = [];
  for (const e of inner<{ tableElts?: Node[] }>(stmt, 'CreateStmt')?.tableElts ?? []) {
    const col = e.ColumnDef as { colname: string; typeName?: TypeName } | undefined;
    if (col) columns.push({ column: col.colname, type: col.typeName });
  }
  for (const cmd of alterCommands(stmt)) {
    const col = (cmd.def as { ColumnDef?: { colname?: string; typeName?: TypeName } } | undefined)?.ColumnDef;
    if ((cmd.subtype === 'AT_AddColumn' || cmd.subtype === 'AT_AlterColumnType') && col?.typeName) columns.push({ column: col.colname ?? String(cmd.name), type: col.typeName });
  }
  return columns
    .filter((c) => c.type?.names?.length)
    .map((c) => {
      const names = c.type!.names!.map(sval);
      return { table: key, column: c.column, name: (names[0] === 'pg_catalog' ? names.slice(1) : names).join('.').toLowerCase(), modifiers: c.type!.typmods?.length ?? 0 };
    });
}
