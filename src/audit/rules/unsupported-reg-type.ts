/** unsupported-reg-type (splinter 0018): columns of reg* types that store OIDs, which pg_upgrade refuses to carry over. */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { isUserSchema } from './scope.js';

/** The reg* types pg_upgrade cannot upgrade (their OIDs change); regclass, regrole and regtype it can. */
const UNSUPPORTED = new Set(['regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper', 'regoperator', 'regproc', 'regprocedure']);

export const unsupportedRegType: AuditRule = {
  id: 'unsupported-reg-type',
  severity: 'warning',
  description: 'columns must not use reg* types that block pg_upgrade',
  check: (schema) =>
    schema.tables.filter((t) => isUserSchema(t.schema)).flatMap((t) =>
      t.columns.filter((c) => UNSUPPORTED.has(c.type)).map((c) => ({
        kind: 'column',
        object: `${tableId(t)}.${quoteIdent(c.name)}`,
        message: `column ${quoteIdent(c.name)} of ${tableId(t)} is ${c.type}: it stores an OID, and pg_upgrade refuses a database with such a column, which blocks upgrading PostgreSQL`,
        hint: 'store the name as text instead (cast with ::text, and back with ::' + c.type + ' where needed)',
      })),
    ),
};
