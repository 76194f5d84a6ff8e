/** identifier-too-long: PostgreSQL silently truncates names to 63 bytes, so the name in the code is not the name in the database. */
import { scanSync } from 'libpg-query';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

const MAX_BYTES = 63;

/** Identifiers of the statement longer than PostgreSQL keeps, as written. */
export function longIdentifiers(sql: string): string[] {
  const tokens = (scanSync(sql) as { tokens: { text: string; tokenName: string }[] }).tokens;
  return tokens
    .filter((t) => t.tokenName === 'IDENT')
    .map((t) => (t.text.startsWith('"') ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase()))
    .filter((name) => Buffer.byteLength(name, 'utf8') > MAX_BYTES);
}

export const identifierTooLong: LintRule = {
  id: 'identifier-too-long',
  severity: 'warning',
  description: 'names longer than 63 bytes are truncated by PostgreSQL without an error',
  instead: 'use a name of at most 63 bytes (UTF-8), so that the code, the migration and the database agree',
  check: (ctx) =>
    eachStatement(ctx, (place) =>
      longIdentifiers(place.stmt.text).map((name) =>
        at(place, {
          kind: 'statement',
          object: name,
          message: `"${name}" is ${Buffer.byteLength(name, 'utf8')} bytes: PostgreSQL keeps only the first ${MAX_BYTES}, so the object is really named "${Buffer.from(name, 'utf8').subarray(0, MAX_BYTES).toString('utf8').replace(/\uFFFD+$/, '')}"`,
          hint: identifierTooLong.instead!,
        })), { includeFailed: true }),
};
