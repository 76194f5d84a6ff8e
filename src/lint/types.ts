/** Lint findings and rules: checks on a migrations folder, each finding located at file:line:col. */
import type { Severity } from '../diff/types.js';
import type { Schema } from '../model/types.js';
import type { MigrationFile, MigrationLayout } from '../sources/migrations.js';
import type { SqlStatement } from '../sources/sql.js';

export interface LintFinding {
  /** What the finding is about: `statement`, `file`, `table`, `policy`, … */
  kind: string;
  rule: string;
  /** Identity of the object (a table, a policy) or the file. */
  object: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  hint?: string;
}

export type FindingDraft = Omit<LintFinding, 'rule' | 'severity'>;

/** A statement that failed on replay. */
export interface ReplayFailure {
  statement: SqlStatement;
  message: string;
  /** SQLSTATE, e.g. 42P01 (undefined table). */
  code?: string;
  line: number;
  column: number;
  /** For a missing name: the closest name that exists, if any. */
  suggestion?: string;
}

/** A file that does not parse; the statements around the broken one are still linted. */
export interface SyntaxFailure {
  file: string;
  message: string;
  line: number;
  column: number;
  /** The text from the previous statement's end to the error, to recognise a missing semicolon. */
  before: string;
}

export interface LintFile extends MigrationFile {
  text: string;
  statements: SqlStatement[];
  /** The file says it is idempotent (a `-- idempotent` comment), or --idempotent was given. */
  idempotent: boolean;
}

export interface IdempotencyResult {
  file: string;
  /** Statements that failed when the file ran a second time. */
  failures: ReplayFailure[];
  /** How the schema changed when it ran a second time (first change's message), if it did. */
  changed?: string;
}

export interface LintContext {
  layout: MigrationLayout;
  files: LintFile[];
  /** Files in the folder that the owning tool does not run (not replayed, not linted). */
  skipped: MigrationFile[];
  syntaxErrors: SyntaxFailure[];
  replayFailures: ReplayFailure[];
  /** The schema after the whole folder replayed (what did not fail). */
  schema: Schema;
  idempotency: IdempotencyResult[];
  exposedSchemas: string[];
}

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line: what the rule checks (shown in SARIF and the README). */
  description: string;
  check(ctx: LintContext): FindingDraft[];
}
