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
  /** Set when a `-- pgdrift-ignore` comment in the migration silences the finding: its reason. */
  suppressed?: string;
}

export type FindingDraft = Omit<LintFinding, 'rule' | 'severity' | 'suppressed'>;

/** What replay saw of a statement on an existing table: whether PostgreSQL rewrote the table, and its checks before. */
export interface StatementProbe {
  /** The table the statement works on, `schema.name`. */
  table: string;
  /** The table's storage was replaced (pg_class.relfilenode changed): every row was rewritten. */
  rewritten: boolean;
  /** The table's validated CHECK constraints before the statement, as pg_get_constraintdef prints them. */
  checksBefore: string[];
}

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
  /** The folder is a Supabase project (its platform schemas and API roles apply). */
  supabase: boolean;
  /** Each file runs in one transaction, as the Supabase CLI and Prisma Migrate run them. */
  assumeInTransaction: boolean;
  /** The PostgreSQL major version the migrations will run on in production. */
  pgVersion: number;
  /** What replay saw of each ALTER TABLE, CLUSTER and VACUUM on a table that existed before it. */
  probes: Map<SqlStatement, StatementProbe>;
}

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line: what the rule checks (shown in SARIF and the README). */
  description: string;
  /** The lock the flagged statement takes, for the rules about locks (e.g. `ACCESS EXCLUSIVE on the table`). */
  lock?: string;
  /** What to do instead, for the explanation (`pgdrift lint --explain <rule>`, SARIF help). */
  instead?: string;
  /** A style rule: off unless the config's `rules:` turns it on. */
  optIn?: boolean;
  check(ctx: LintContext): FindingDraft[];
}
