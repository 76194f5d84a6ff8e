/** Audit checks that need the running database (statistics, data, settings): one catalog query each. */
import type { Severity } from '../../diff/types.js';
import type { AuditOptions, Finding } from '../types.js';

export interface LiveAuditRule {
  id: string;
  severity: Severity;
  description: string;
  /** A read-only query; `{exposed}`, `{roles}` and `{platform}` stand for text[] of the exposed schemas, the API roles and the platform's schemas. */
  sql: string;
  /** A relation the query reads that only some databases have (Supabase's storage.buckets): without it the check does not apply. */
  requires?: string;
  /** The query's rows as findings. */
  findings(rows: Record<string, unknown>[], options: AuditOptions): Omit<Finding, 'rule' | 'severity'>[];
}

/** SQL: the API roles (of `{roles}`, those that exist) that may select from the relation `oid`. */
export const rolesThatSelect = (oid: string) => `array(select r from unnest({roles}) r where exists (select 1 from pg_roles where rolname = r) and has_table_privilege(r, ${oid}, 'SELECT'))`;
