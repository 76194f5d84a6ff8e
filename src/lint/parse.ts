/**
 * Parsing migrations the way lint needs: a file that does not parse is repaired, character for
 * character, so the statements around the broken one are still linted at their real lines. Two
 * statements run together (a missing semicolon) get the semicolon; any other broken statement is
 * blanked out up to its semicolon.
 */
import { LocatedError } from '../errors.js';
import { splitStatements, type SqlStatement } from '../sources/sql.js';
import { LineIndex } from '../sources/line-index.js';
import type { SyntaxFailure } from './types.js';

const STATEMENT_START = /^(create|alter|drop|insert|update|delete|grant|revoke|comment|select|with|do|begin|commit|rollback|set|truncate|call|refresh|reindex|vacuum|analyze|lock)$/i;

/** The keyword Postgres stopped at, from `syntax error at or near "create"`. */
function nearToken(message: string): string | undefined {
  return /at or near "([^"]*)"/.exec(message)?.[1];
}

/** A syntax error at a statement keyword that starts its own line, after a line with no semicolon. */
export function looksLikeMissingSemicolon(failure: Pick<SyntaxFailure, 'message' | 'before'>): boolean {
  const token = nearToken(failure.message);
  return Boolean(token && STATEMENT_START.test(token) && /\n\s*$/.test(failure.before) && failure.before.trim().length > 0);
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

export function parseWithRecovery(file: string, original: string): { statements: SqlStatement[]; errors: SyntaxFailure[] } {
  let text = original;
  const errors: SyntaxFailure[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return { statements: splitStatements(file, text, original), errors };
    } catch (e) {
      if (!(e instanceof LocatedError)) throw e;
      const at = offsetOf(original, e.location.line, e.location.column);
      const start = text.lastIndexOf(';', at - 1) + 1;
      const failure = { file, message: e.detail, line: e.location.line, column: e.location.column, before: original.slice(start, at) };
      errors.push(failure);
      if (looksLikeMissingSemicolon(failure) && /\s/.test(text[at - 1] ?? '')) {
        text = `${text.slice(0, at - 1)};${text.slice(at)}`;
      } else {
        const semicolon = text.indexOf(';', at);
        const end = semicolon === -1 ? text.length : semicolon + 1;
        text = text.slice(0, start) + blank(text.slice(start, end)) + text.slice(end);
      }
    }
  }
  return { statements: [], errors };
}

/** Where a missing semicolon belongs: the end of the last non-blank line before the error. */
export function semicolonPlace(original: string, failure: SyntaxFailure): { line: number; column: number } {
  const at = offsetOf(original, failure.line, failure.column);
  const end = original.slice(0, at).trimEnd().length;
  return new LineIndex(original).locate(end);
}
