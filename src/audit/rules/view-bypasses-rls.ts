/**
 * view-bypasses-rls (splinter 0010): a view that runs with its owner's rights (not security_invoker), in an
 * exposed schema and granted to the API roles, reading tables that row level security protects or that
 * sit in a schema the API does not expose. Materialized views are materialized-view-in-api's.
 */
import { qualify, tableId } from '../../model/ident.js';
import { relationsRead } from '../expressions.js';
import type { AuditRule } from '../types.js';
import { closedTo, guardedTables } from './scope.js';

export const viewBypassesRls: AuditRule = {
  id: 'view-bypasses-rls',
  severity: 'error',
  description: 'views in an exposed schema over RLS-protected or private tables must be security_invoker',
  check: (schema, options) => {
    const guarded = guardedTables(schema, options);
    const reads = (definition: string) => relationsRead(definition).filter((r) => guarded.has(r));
    return schema.views
      .filter((v) => options.exposedSchemas.includes(v.schema) && !(v.options ?? []).includes('security_invoker=true') && !closedTo(v, options.roles))
      .flatMap((v) => {
        const tables = reads(v.definition);
        if (!tables.length) return [];
        return [{
          kind: 'view',
          object: qualify(v.schema, v.name),
          message: `view ${qualify(v.schema, v.name)} runs with its owner's rights and reads ${tables.map((r) => tableId({ schema: r.split('.')[0]!, name: r.split('.').slice(1).join('.') })).join(', ')}, past their row level security or the schema the API keeps them in`,
          fix: `alter view ${qualify(v.schema, v.name)} set (security_invoker = true);`,
        }];
      });
  },
};
