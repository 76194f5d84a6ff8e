/** Audit findings and rules: checks on one schema for what protects the data. */
import type { Schema } from '../model/types.js';
import type { Severity } from '../diff/types.js';

export interface Finding {
  /** The rule's id, e.g. `rls-disabled`. */
  rule: string;
  /** Kind of the object the finding is about (`table`, `policy`, `function`, `view`, `index`, `extension`). */
  kind: string;
  /** Identity of the object. */
  object: string;
  severity: Severity;
  message: string;
  /** What to do about it. */
  hint?: string;
  /** SQL that fixes it, where the fix is mechanical. */
  fix?: string;
}

export interface AuditOptions {
  /** Schemas the API exposes (Supabase: public). */
  exposedSchemas: string[];
  /** Column names that hold the tenant in a multi-tenant table. */
  tenantColumns: string[];
  /** Tables (identity globs) on which RLS must also be forced for the table owner. */
  forceRls: string[];
  /** Roles the coverage matrix and policy rules look at. */
  roles: string[];
  /** pg_graphql is installed (Supabase's image installs it), so the GraphQL schema lists what the roles may select. */
  graphql?: boolean;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
  exposedSchemas: ['public'],
  tenantColumns: ['organization_id', 'tenant_id', 'org_id', 'workspace_id', 'account_id', 'team_id'],
  forceRls: [],
  roles: ['anon', 'authenticated'],
};

export interface AuditRule {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Findings without severity: the runner sets it from the rule or the config. */
  check(schema: Schema, options: AuditOptions): Omit<Finding, 'rule' | 'severity'>[];
}
