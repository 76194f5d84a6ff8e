/**
 * How long pgdrift waits: each statement it runs (catalog queries on a live database, migrations
 * replayed on any shadow; PGlite's thread is stopped, see shadow/pglite) and each lock a live
 * inspection waits for. Bounded by default, so a stuck statement or a migration holding a lock ends
 * with a clear message instead of a hang.
 */
export interface Timeouts {
  /** Seconds one statement may run (catalog query, or replayed statement). */
  statement: number;
  /** Seconds a live inspection waits for a lock (another session's ALTER TABLE, VACUUM FULL…). */
  lock: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { statement: 300, lock: 10 };

/** The statement bound a shadow gets from options that may leave it unset. */
export function statementTimeout(t: Partial<Timeouts> | undefined): number {
  return t?.statement ?? DEFAULT_TIMEOUTS.statement;
}

/**
 * `set` statements for a session, or `set local` ones for a transaction (on a live database, where
 * a pooler in transaction mode would hand a session setting on to other clients).
 */
export function timeoutSettings(t: Partial<Timeouts>, local = false): string[] {
  const ms = (s: number) => `'${Math.round(s * 1000)}ms'`;
  const set = local ? 'set local' : 'set';
  return [t.statement !== undefined ? `${set} statement_timeout = ${ms(t.statement)}` : '', t.lock !== undefined ? `${set} lock_timeout = ${ms(t.lock)}` : ''].filter(Boolean);
}

/** Postgres' query_canceled (a statement timeout) and lock_not_available (a lock timeout). */
export const STATEMENT_TIMEOUT = '57014';
export const LOCK_TIMEOUT = '55P03';
