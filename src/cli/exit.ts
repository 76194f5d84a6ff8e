/** Exit codes, and the one line a failure is told in. */
import { UserError } from '../errors.js';
import { printable } from '../model/ident.js';
import { maskPasswords } from '../sources/url.js';

/** 0 nothing at or above --fail-on, 1 drift or findings at or above it, 2 bad input or an unreachable database. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

/** One line for the user: what went wrong and what to do. */
export function errorLine(e: unknown): string {
  if (e instanceof UserError) return `pgdrift: ${printable(maskPasswords(e.message))}`;
  const message = e instanceof Error ? e.message : String(e);
  return `pgdrift: unexpected error: ${printable(maskPasswords(message))} (set PGDRIFT_DEBUG=1 for details, and please report it)`;
}
