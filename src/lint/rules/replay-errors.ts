/** Which replay failures belong to which rule. */
import type { ReplayFailure } from '../types.js';

/** SQLSTATEs of a name that does not exist: table, column, function, type or object, schema. */
export const MISSING_CODES = new Set(['42P01', '42703', '42883', '42704', '3F000']);

export const isMissingObject = (f: ReplayFailure) => Boolean(f.code && MISSING_CODES.has(f.code));
export const isNotImmutable = (f: ReplayFailure) => /must be marked IMMUTABLE/i.test(f.message);
/** 25001: a statement that cannot run inside a transaction block (concurrently-in-transaction says why). */
export const isOutsideTransactionOnly = (f: ReplayFailure) => f.code === '25001';
