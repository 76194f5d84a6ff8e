/** Visiting every statement with what the rules need to know about its place in the folder. */
import type { SqlStatement } from '../../sources/sql.js';
import { alterCommands, createdTable, relationKey, relationSql, renamedTable, targetTable, transactionKind, type Node } from '../ast.js';
import type { FindingDraft, LintContext, LintFile } from '../types.js';

export interface StatementPlace {
  file: LintFile;
  stmt: SqlStatement;
  /** Tables created earlier in the same file: changing them cannot hurt live data. */
  newTables: Set<string>;
  /** The statement runs inside a transaction block: an explicit BEGIN, or the whole file as its tool runs it. */
  inTransaction: boolean;
}

/** A file that says it runs outside a transaction (pgdrift's mark, or squawk's). */
const NO_TRANSACTION_MARK = /^\s*--\s*(pgdrift-no-transaction|squawk-disable-assume-in-transaction)\b/im;

/**
 * Whether the file, as its tool runs it, starts inside a transaction. The Supabase CLI and Prisma send a
 * file as one multi-statement request, which PostgreSQL runs as one implicit transaction; a file of a
 * single statement runs on its own (that is how CREATE INDEX CONCURRENTLY ships with them).
 */
export function fileRunsInTransaction(ctx: LintContext, file: LintFile): boolean {
  return ctx.assumeInTransaction && file.statements.length > 1 && !NO_TRANSACTION_MARK.test(file.text);
}

/** For each statement of a file, whether it runs inside a transaction block (BEGIN and COMMIT themselves: the state before them). */
export function transactionStates(ctx: LintContext, file: LintFile): boolean[] {
  let open = fileRunsInTransaction(ctx, file);
  return file.statements.map((stmt) => {
    const before = open;
    const kind = transactionKind(stmt);
    if (kind === 'begin') open = true;
    if (kind === 'commit' || kind === 'rollback') open = false;
    return before;
  });
}

/**
 * Every statement with its place. Statements that failed on replay are left out unless `includeFailed`:
 * the replay finding already says what is wrong, but a rule that reads only the statement (the lock it
 * takes) still applies to it.
 */
export function eachStatement(ctx: LintContext, visit: (place: StatementPlace) => FindingDraft[], options: { includeFailed?: boolean } = {}): FindingDraft[] {
  const failed = new Set(ctx.replayFailures.map((f) => f.statement));
  const out: FindingDraft[] = [];
  for (const file of ctx.files) {
    const newTables = new Set<string>();
    const states = transactionStates(ctx, file);
    file.statements.forEach((stmt, i) => {
      if (options.includeFailed || !failed.has(stmt)) out.push(...visit({ file, stmt, newTables, inTransaction: states[i]! }));
      const created = createdTable(stmt);
      if (created) newTables.add(relationKey(created));
      const renamed = renamedTable(stmt);
      if (renamed && newTables.has(renamed.from)) newTables.add(renamed.to);
    });
  }
  return out;
}

/** A finding at a statement's start. */
export function at(place: StatementPlace, rest: Omit<FindingDraft, 'file' | 'line' | 'column'>): FindingDraft {
  return { ...rest, file: place.file.path, line: place.stmt.line, column: place.stmt.column };
}

/** The table a statement works on, when it existed before this file (so it may hold rows and readers). */
export function existingTable(place: StatementPlace): string | undefined {
  const table = targetTable(place.stmt);
  return table && !place.newTables.has(relationKey(table)) ? relationKey(table) : undefined;
}

/** The ALTER TABLE commands of one kind (`AT_AddColumn`, …) on a table that existed before this file; `tableSql` is the table quoted for hints. */
export function existingTableCommands(place: StatementPlace, subtype: string): { table: string; tableSql: string; cmd: Node }[] {
  const table = existingTable(place);
  if (!table) return [];
  const tableSql = relationSql(targetTable(place.stmt)!);
  return alterCommands(place.stmt)
    .filter((cmd) => cmd.subtype === subtype)
    .map((cmd) => ({ table, tableSql, cmd }));
}

/** The constraints an ALTER TABLE adds to a table that existed before this file: ADD CONSTRAINT, and those inline in ADD COLUMN. */
export function addedConstraints(place: StatementPlace): { table: string; tableSql: string; k: Node }[] {
  const added = existingTableCommands(place, 'AT_AddConstraint').map(({ table, tableSql, cmd }) => ({ table, tableSql, k: (cmd.def as { Constraint: Node }).Constraint }));
  const inline = existingTableCommands(place, 'AT_AddColumn').flatMap(({ table, tableSql, cmd }) =>
    ((cmd.def as { ColumnDef: { constraints?: { Constraint: Node }[] } }).ColumnDef.constraints ?? []).map((c) => ({ table, tableSql, k: c.Constraint })));
  return [...added, ...inline];
}
