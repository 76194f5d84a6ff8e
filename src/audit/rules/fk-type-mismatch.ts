/** fk-type-mismatch: a foreign key column whose type differs from the key it references. */
import { quoteIdent } from '../../model/ident.js';
import { FK_TYPE_WHY, foreignKeyTypeMismatches } from '../../model/foreign-keys.js';
import type { AuditRule } from '../types.js';

export const fkTypeMismatch: AuditRule = {
  id: 'fk-type-mismatch',
  severity: 'error',
  description: 'a foreign key column must have the type of the key it references',
  check: (schema) =>
    foreignKeyTypeMismatches(schema).map((m) => ({
      kind: 'constraint',
      object: `${m.table}.${quoteIdent(m.constraint)}`,
      message: `foreign key ${quoteIdent(m.constraint)} on ${m.table}: column ${quoteIdent(m.column)} is ${m.type} but references ${m.references}, which is ${m.referencedType}. ${FK_TYPE_WHY}`,
      fix: `alter table ${m.table} alter column ${quoteIdent(m.column)} type ${m.referencedType} using ${quoteIdent(m.column)}::${m.referencedType};`,
    })),
};
