/**
 * A difference between two schemas. `diff(from, to)` lists what must change to turn `from` into `to`
 * (the source of truth): "missing" objects are in `to` but not in `from`, "extra" ones are in `from`
 * only, "different" ones are in both with other definitions, and a "rename" is a probable rename
 * from a name in `from` to a name in `to`.
 */
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

export type ChangeKind =
  | 'schema'
  | 'extension'
  | 'collation'
  | 'enum'
  | 'domain'
  | 'type'
  | 'sequence'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'rls'
  | 'policy'
  | 'view'
  | 'materialized view'
  | 'function'
  | 'trigger'
  | 'publication'
  | 'grant'
  | 'comment';

export type ChangeAction = 'missing' | 'extra' | 'different' | 'rename';

export interface Change {
  kind: ChangeKind;
  action: ChangeAction;
  /** Identity of the object, e.g. `public.users.email`. For a rename, the name in `from`. */
  object: string;
  severity: Severity;
  /** One human sentence. */
  message: string;
  /** The table the change belongs to, for grouping (columns, constraints, indexes, policies, triggers). */
  table?: string;
  /** For "different": which attribute differs, and its value on each side. */
  attribute?: string;
  from?: unknown;
  to?: unknown;
  /** For a rename: the name in `to`, and how sure the guess is (0..1). */
  renamedTo?: string;
  confidence?: number;
  /** Why it matters, for reports. */
  why?: string;
}

/** A change the config declares intentional, with the config's reason. */
export interface IntentionalChange extends Change {
  reason: string;
}
