/**
 * Reading a source file's text exactly: UTF-8 or an input error at the line and column of the first
 * byte that is not, no NUL byte (Postgres would end the text there), and a file that cannot be read
 * named with why. Nothing is replaced or dropped silently.
 */
import { readFileSync } from 'node:fs';
import { LocatedError, UserError } from '../errors.js';
import { LineIndex } from './line-index.js';

/** Offset of the first byte that does not continue a well-formed UTF-8 sequence (-1: none found). */
function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

export function readSourceText(path: string, shownAs: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'it does not exist (a symbolic link to a missing file?)' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'it is a folder' : err.message;
    throw new UserError(`${shownAs}: cannot read it: ${why}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(0, invalidUtf8At(bytes));
    const before = bytes.subarray(0, at).toString('utf8');
    throw new LocatedError({ file: shownAs, ...new LineIndex(before).locate(before.length) }, `not valid UTF-8 (byte 0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'}): save the file as UTF-8`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new LocatedError({ file: shownAs, ...new LineIndex(text).locate(nul) }, 'a NUL byte, which SQL text cannot hold: is this a binary file, or a damaged copy?');
  return text;
}
