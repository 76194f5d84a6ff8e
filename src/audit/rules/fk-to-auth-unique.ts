/** fk-to-auth-unique (splinter 0021): a foreign key to a unique key of an auth table other than its primary key. */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';

/** The key Supabase Auth keeps on its tables: every table of the auth schema that users reference has `id` as primary key. */
const AUTH_PRIMARY_KEY = ['id'];

export const fkToAuthUnique: AuditRule = {
  id: 'fk-to-auth-unique',
  severity: 'error',
  description: "foreign keys to the auth schema must reference the table's primary key, not another unique key",
  check: (schema) =>
    schema.tables.flatMap((t) =>
      t.constraints
        .filter((k) => k.type === 'foreign key' && k.references?.table.startsWith('auth.') && k.references.columns.join() !== AUTH_PRIMARY_KEY.join())
        .map((k) => ({
          kind: 'constraint',
          object: `${tableId(t)}.${quoteIdent(k.name)}`,
          message: `foreign key ${quoteIdent(k.name)} on ${tableId(t)} references ${k.references!.table}(${k.references!.columns.join(', ')}), a unique key Supabase Auth may drop or change in an upgrade`,
          hint: `reference ${k.references!.table}(id) instead`,
        })),
    ),
};
