/** Visiting every statement with what the rules need to know about its place in the folder. */
import type { SqlStatement } from '../../sources/sql.js';
import { alterCommands, createdTable, relationKey, targetTable, type Node } from '../ast.js';
import type { FindingDraft, LintContext, LintFile } from '../types.js';

export interface StatementPlace {
  file: LintFile;
  stmt: SqlStatement;
  /** Tables created earlier in the same file: changing them cannot hurt live data. */
  newTables: Set<string>;
}

/** Statements that failed on replay are left out: the replay finding already says what is wrong. */
export function eachStatement(ctx: LintContext, visit: (place: StatementPlace) => FindingDraft[]): FindingDraft[] {
  const failed = new Set(ctx.replayFailures.map((f) => f.statement));
  const out: FindingDraft[] = [];
  for (const file of ctx.files) {
    const newTables = new Set<string>();
    for (const stmt of file.statements) {
      if (!failed.has(stmt)) out.push(...visit({ file, stmt, newTables }));
      const created = createdTable(stmt);
      if (created) newTables.add(relationKey(created));
    }
  }
  return out;
}

/** A finding at a statement's start. */
export function at(place: StatementPlace, rest: Omit<FindingDraft, 'file' | 'line' | 'column'>): FindingDraft {
  return { ...rest, file: place.file.path, line: place.stmt.line, column: place.stmt.column };
}

/** The ALTER TABLE commands of one kind (`AT_AddColumn`, …) on a table that existed before this file. */
export function existingTableCommands(place: StatementPlace, subtype: string): { table: string; cmd: Node }[] {
  const table = targetTable(place.stmt);
  if (!table || place.newTables.has(relationKey(table))) return [];
  return alterCommands(place.stmt)
    .filter((cmd) => cmd.subtype === subtype)
    .map((cmd) => ({ table: relationKey(table), cmd }));
}
