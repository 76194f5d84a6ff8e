/**
 * prefer-robust-statements (style, as squawk's prefer-robust-stmts): outside a transaction, a migration
 * that fails half-way is re-run from the top, so every statement should survive running twice
 * (IF NOT EXISTS, IF EXISTS, a DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT). A file of one
 * statement, and statements inside a transaction, are atomic and need none of this.
 */
import { alterCommands, inner, type Node } from '../ast.js';
import type { SqlStatement } from '../../sources/sql.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

/** Flags saying the statement guards itself, by statement kind. */
const GUARDS: Record<string, string> = {
  CreateStmt: 'if_not_exists', IndexStmt: 'if_not_exists', CreateSchemaStmt: 'if_not_exists', CreateSeqStmt: 'if_not_exists',
  CreateExtensionStmt: 'if_not_exists', CreateTableAsStmt: 'if_not_exists', DropStmt: 'missing_ok', ViewStmt: 'replace', CreateFunctionStmt: 'replace',
};

/** Why the statement fails when run a second time, or undefined when it does not. */
function fragility(stmt: SqlStatement, droppedConstraints: Set<string>): string | undefined {
  const node = stmt.node[stmt.kind] as Node;
  if (stmt.kind === 'CreateStmt' && (node.relation as { relpersistence?: string }).relpersistence === 't' && node.oncommit === 'ONCOMMIT_DROP') return undefined;
  // An index without a name gets a new one each time.
  if (stmt.kind === 'IndexStmt' && !node.idxname) return undefined;
  if (stmt.kind in GUARDS) return node[GUARDS[stmt.kind]!] ? undefined : `${stmt.kind === 'DropStmt' ? 'without IF EXISTS' : stmt.kind.endsWith('FunctionStmt') || stmt.kind === 'ViewStmt' ? 'without OR REPLACE' : 'without IF NOT EXISTS'} it fails when the migration is run again`;
  if (stmt.kind !== 'AlterTableStmt') return undefined;
  for (const cmd of alterCommands(stmt)) {
    const name = (cmd.def as { Constraint?: { conname?: string } } | undefined)?.Constraint?.conname;
    if (cmd.subtype === 'AT_DropConstraint' && cmd.missing_ok) droppedConstraints.add(String(cmd.name));
    else if (cmd.subtype === 'AT_AddConstraint' && name && droppedConstraints.delete(name)) continue;
    else if (!cmd.missing_ok) return `${String(cmd.subtype).replace(/^AT_/, '')} has no IF [NOT] EXISTS guard here: the statement may fail, or act twice, when the migration is run again`;
  }
  return undefined;
}

export const preferRobustStatements: LintRule = {
  id: 'prefer-robust-statements',
  severity: 'info',
  optIn: true,
  description: 'outside a transaction, statements should survive the migration being run again after a failure',
  instead: 'use IF NOT EXISTS / IF EXISTS / OR REPLACE, DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT, or run the file in a transaction',
  check: (ctx) => {
    const dropped = new Map<string, Set<string>>();
    return eachStatement(ctx, (place) => {
      if (place.file.statements.length < 2 || place.inTransaction || inner(place.stmt, 'TransactionStmt')) return [];
      const set = dropped.get(place.file.path) ?? new Set<string>();
      dropped.set(place.file.path, set);
      const why = fragility(place.stmt, set);
      return why ? [at(place, { kind: 'statement', object: place.file.path, message: why, hint: preferRobustStatements.instead! })] : [];
    }, { includeFailed: true });
  },
};
