/**
 * Splitting SQL text into statements with the real PostgreSQL parser (libpg-query), each located by
 * file, line and column. The parser reports byte offsets into UTF-8; they are turned into character
 * positions here, once, so every later message points at the right column.
 */
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { LocatedError, type SourceLocation } from '../errors.js';
import { quoteIdent, quoteLiteral } from '../model/ident.js';
import { LineIndex } from './line-index.js';

export interface SqlStatement {
  file: string;
  /** The statement text, without the trailing semicolon. */
  text: string;
  /** Character offset of the statement in its file. */
  offset: number;
  line: number;
  column: number;
  /** The parse-tree node type, e.g. `CreateStmt`, `IndexStmt`. */
  kind: string;
  /** The statement's parse tree, as libpg-query returns it. */
  node: Record<string, unknown>;
}

/** The text of a parse-tree `{ String: { sval } }` node. */
export const sval = (n: unknown): string => (n as { String?: { sval?: string } }).String?.sval ?? '';

let ready: Promise<void> | undefined;
/** The parser is WebAssembly and must be loaded once before use. */
export function loadParser(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

/** The largest SQL text the parser (a wasm build of Postgres' own) is given: larger ones fail inside it. */
const MAX_SQL_BYTES = 32 * 2 ** 20;

/** Converts UTF-8 byte offsets of a text into character offsets. */
export function byteToCharMapper(text: string): (byte: number) => number {
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const bytes = Buffer.from(text, 'utf8');
  return (b) => bytes.subarray(0, b).toString('utf8').length;
}

/**
 * Parse a file into statements. Throws a LocatedError (file:line:col) when it does not parse.
 * `original` (same length as `text`) is what locations and statement texts are read from when `text`
 * is a repaired copy: lint masks a broken statement, or puts a missing semicolon in, character for
 * character, and still reports lines of the file as written.
 */
export function splitStatements(file: string, text: string, original = text): SqlStatement[] {
  // The parser refuses an empty text; a file with nothing in it holds no statement.
  if (!text.trim()) return [];
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SQL_BYTES) {
    throw new LocatedError({ file, line: 1, column: 1 }, `${(size / 2 ** 20).toFixed(0)} MB of SQL: pgdrift parses files of up to ${MAX_SQL_BYTES / 2 ** 20} MB (the parser's memory): split it into several migrations`);
  }
  const index = new LineIndex(original);
  let result: ReturnType<typeof parseSync>;
  try {
    result = parseSync(text);
  } catch (e) {
    const details = (e as { sqlDetails?: { cursorPosition?: number; message?: string } }).sqlDetails;
    const at = index.locate(Math.max(0, details?.cursorPosition ?? 0));
    throw new LocatedError({ file, ...at }, details?.message ?? (e as Error).message);
  }
  const toChar = byteToCharMapper(text);
  return (result.stmts ?? []).map((raw) => {
    const s = raw as { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number };
    const startByte = s.stmt_location ?? 0;
    const endByte = s.stmt_len ? startByte + s.stmt_len : size;
    const start = toChar(startByte);
    const body = text.slice(start, toChar(endByte));
    // libpg-query places a statement's start before leading comments and blank lines: skip them.
    const lead = leadingTrivia(body);
    const offset = start + lead;
    const kind = Object.keys(s.stmt)[0] ?? 'Unknown';
    return { file, text: body.slice(lead).replace(/;\s*$/, ''), offset, ...index.locate(offset), kind, node: s.stmt };
  });
}

/** Length of the whitespace and comments that open a statement. */
export function leadingTrivia(sql: string): number {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else return i;
  }
}

/** The first line of a statement, for messages. */
export function firstLine(sql: string, max = 80): string {
  const line = sql.split('\n', 1)[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Location of a 1-based character position inside a statement (Postgres' error `position`). */
export function locateInStatement(stmt: SqlStatement, position: number | undefined, fileText: string): SourceLocation {
  if (!position) return { file: stmt.file, line: stmt.line, column: stmt.column };
  return { file: stmt.file, ...new LineIndex(fileText).locate(stmt.offset + position - 1) };
}

/** Control characters that SQL output never carries raw: all but newline and tab. */
const UNSAFE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * `sql` with every plain or dollar-quoted string constant, and every quoted identifier, that holds a
 * control character (other than newline and tab) rewritten with escapes to the same value (`E'…'`,
 * `U&"…"`). Catalog text (defaults, policy expressions, view definitions, function bodies) keeps such
 * characters raw, and a plan is read on terminals: an escape sequence must not reach one. Needs
 * loadParser().
 */
export function withEscapedLiterals(sql: string): string {
  if (!UNSAFE_CONTROL.test(sql)) return sql;
  const toChar = byteToCharMapper(sql);
  // The scanner's JSON breaks on raw control characters: it reads a copy with spaces of the same byte length.
  const blanked = sql.replace(new RegExp(UNSAFE_CONTROL.source, 'gu'), (ch) => ' '.repeat(Buffer.byteLength(ch)));
  let out = '';
  let at = 0;
  for (const token of scanSync(blanked).tokens) {
    const [start, end] = [toChar(token.start), toChar(token.end)];
    const text = sql.slice(start, end);
    if (!UNSAFE_CONTROL.test(text)) continue;
    let escaped: string | undefined;
    if (token.tokenName === 'IDENT' && text.startsWith('"')) escaped = quoteIdent(text.slice(1, -1).replaceAll('""', '"'));
    else if (token.tokenName === 'SCONST' && text.startsWith("'")) escaped = quoteLiteral(text.slice(1, -1).replaceAll("''", "'"));
    else if (token.tokenName === 'SCONST' && text.startsWith('$')) escaped = quoteLiteral(text.slice(text.indexOf('$', 1) + 1, text.lastIndexOf('$', text.length - 2)));
    if (escaped === undefined) continue; // E'…' and U&'…' constants spell their characters as they like
    out += sql.slice(at, start) + escaped;
    at = end;
  }
  return out + sql.slice(at);
}
