/** no-primary-key (splinter 0004): a table without a primary key (replication, PostgREST updates and tooling need one). */
import { tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { isUserSchema } from './scope.js';

export const noPrimaryKey: AuditRule = {
  id: 'no-primary-key',
  severity: 'info',
  description: 'tables should have a primary key',
  check: (schema) =>
    schema.tables
      .filter((t) => isUserSchema(t.schema) && !t.platform && !t.partitionOf && !t.constraints.some((k) => k.type === 'primary key'))
      .map((t) => ({
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)} has no primary key: logical replication cannot replicate its updates and deletes, and rows cannot be told apart reliably`,
        hint: 'add a primary key (e.g. id bigint generated always as identity primary key)',
      })),
};
