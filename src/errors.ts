/**
 * Errors a user can act on. The CLI prints `message` as one line and exits 2; anything else is a
 * bug and is reported as such. Locations follow the `file:line:col` convention editors understand.
 */
export class UserError extends Error {
  override name = 'UserError';
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** A problem at a place in a file (a SQL statement that does not parse or does not replay). */
export class LocatedError extends UserError {
  constructor(
    readonly location: SourceLocation,
    readonly detail: string,
  ) {
    super(`${formatLocation(location)}: ${detail}`);
  }
}
