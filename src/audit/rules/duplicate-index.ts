/** duplicate-index: indexes with the same definition, or an index that repeats a primary key or unique constraint. */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { IndexDef } from '../../model/types.js';
import { indexShape } from '../../diff/equivalent.js';
import type { AuditRule } from '../types.js';
import { keyColumns } from './index-keys.js';

export const duplicateIndex: AuditRule = {
  id: 'duplicate-index',
  severity: 'warning',
  description: 'an index that repeats another index or a key slows every write for nothing',
  check: (schema) =>
    schema.tables.flatMap((t) => {
      const out = [];
      const seen = new Map<string, IndexDef>();
      for (const i of t.indexes) {
        const first = seen.get(indexShape(i));
        if (first) {
          out.push({ kind: 'index', object: `${tableId(t)}.${quoteIdent(i.name)}`, message: `index ${quoteIdent(i.name)} on ${tableId(t)} duplicates ${quoteIdent(first.name)}`, fix: `drop index ${t.schema === 'public' ? '' : `${quoteIdent(t.schema)}.`}${quoteIdent(i.name)};` });
        } else seen.set(indexShape(i), i);
        const cols = keyColumns(i);
        const key = t.constraints.find((k) => (k.type === 'primary key' || k.type === 'unique') && cols && !i.where && !i.include && i.method === 'btree' && k.columns.join() === cols.join() && i.keys.every((x) => !/\s/.test(x)));
        if (key) {
          out.push({ kind: 'index', object: `${tableId(t)}.${quoteIdent(i.name)}`, message: `index ${quoteIdent(i.name)} on ${tableId(t)} repeats the index of ${key.type} constraint ${quoteIdent(key.name)}`, fix: `drop index ${t.schema === 'public' ? '' : `${quoteIdent(t.schema)}.`}${quoteIdent(i.name)};` });
        }
      }
      return out;
    }),
};
