/** Exit codes, and the one line a failure is told in. */
import { UserError } from '../errors.js';
import { printable } from '../model/ident.js';
import { maskPasswords } from '../sources/url.js';

/** 0 nothing at or above --fail-on, 1 drift or findings at or above it, 2 bad input or an unreachable database. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

/** What went wrong and what to do, in one printable line without secrets. */
export function errorText(e: unknown): string {
  if (e instanceof UserError) return printable(maskPasswords(e.message));
  const message = e instanceof Error ? e.message : String(e);
  return `unexpected error: ${printable(maskPasswords(message))} (set PGDRIFT_DEBUG=1 for details, and please report it)`;
}

/** The line stderr gets. */
export function errorLine(e: unknown): string {
  return `pgdrift: ${errorText(e)}`;
}
