/** Index keys as column names: `"authorId" DESC` → authorId; an expression key → undefined. */
import type { IndexDef } from '../../model/types.js';

export function keyColumn(key: string): string | undefined {
  if (key.startsWith('"')) {
    const m = /^"((?:[^"]|"")*)"(\s|$)/.exec(key);
    return m ? m[1]!.replaceAll('""', '"') : undefined;
  }
  const m = /^([a-z_][a-z0-9_$]*)(\s|$)/.exec(key);
  return m && !key.includes('(') ? m[1] : undefined;
}

/** The plain key columns of an index, or undefined if any key is an expression. */
export function keyColumns(index: IndexDef): string[] | undefined {
  const cols = index.keys.map(keyColumn);
  return cols.every((c): c is string => c !== undefined) ? cols : undefined;
}
