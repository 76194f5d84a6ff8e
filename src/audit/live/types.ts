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
