/** fk-unindexed: a foreign key with no index on its columns: deletes on the referenced table scan this one. */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { keyColumns } from './index-keys.js';

const startsWith = (cols: string[], prefix: string[]) => prefix.length <= cols.length && prefix.every((c, i) => cols[i] === c);

export const fkUnindexed: AuditRule = {
  id: 'fk-unindexed',
  severity: 'info',
  description: 'foreign keys should have an index that starts with their columns',
  check: (schema) =>
    schema.tables.flatMap((t) => {
      const leading = [
        ...t.indexes.filter((i) => !i.where).map(keyColumns).filter((c): c is string[] => c !== undefined),
        ...t.constraints.filter((k) => k.type === 'primary key' || k.type === 'unique').map((k) => k.columns),
      ];
      return t.constraints
        .filter((k) => k.type === 'foreign key' && !leading.some((cols) => startsWith(cols, k.columns)))
        .map((k) => ({
          kind: 'constraint',
          object: `${tableId(t)}.${quoteIdent(k.name)}`,
          message: `foreign key ${quoteIdent(k.name)} on ${tableId(t)} (${k.columns.join(', ')}) has no covering index: joins on it, and deletes or updates of ${k.references?.table}, scan the whole table`,
          fix: `create index on ${tableId(t)} (${k.columns.map(quoteIdent).join(', ')});`,
        }));
    }),
};
