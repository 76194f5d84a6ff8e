/**
 * view-bypasses-rls: a view that runs with its owner's rights (not security_invoker), or a materialized
 * view, in an exposed schema and granted to the API roles, reading tables that row level security protects.
 */
import { qualify, tableId } from '../../model/ident.js';
import { relationsRead } from '../expressions.js';
import type { AuditRule } from '../types.js';
import { closedTo } from './scope.js';

export const viewBypassesRls: AuditRule = {
  id: 'view-bypasses-rls',
  severity: 'error',
  description: 'views in an exposed schema over RLS-protected tables must be security_invoker',
  check: (schema, options) => {
    const protectedTables = new Set(schema.tables.filter((t) => t.rls.enabled).map((t) => `${t.schema}.${t.name}`));
    const reads = (definition: string) => relationsRead(definition).filter((r) => protectedTables.has(r));
    const views = schema.views
      .filter((v) => options.exposedSchemas.includes(v.schema) && !(v.options ?? []).includes('security_invoker=true') && !closedTo(v, options.roles))
      .flatMap((v) => {
        const tables = reads(v.definition);
        if (!tables.length) return [];
        return [{
          kind: 'view',
          object: qualify(v.schema, v.name),
          message: `view ${qualify(v.schema, v.name)} runs with its owner's rights and reads ${tables.map((r) => tableId({ schema: r.split('.')[0]!, name: r.split('.').slice(1).join('.') })).join(', ')}, bypassing their row level security`,
          fix: `alter view ${qualify(v.schema, v.name)} set (security_invoker = true);`,
        }];
      });
    const matviews = schema.materializedViews
      .filter((m) => options.exposedSchemas.includes(m.schema) && !closedTo(m, options.roles, ['SELECT']))
      .flatMap((m) => {
        const tables = reads(m.definition);
        if (!tables.length) return [];
        return [{
          kind: 'materialized view',
          object: qualify(m.schema, m.name),
          message: `materialized view ${qualify(m.schema, m.name)} in the exposed schema ${m.schema} holds rows of ${tables.join(', ')} with no row level security of its own`,
          hint: 'move it to a schema the API does not expose, or revoke select on it from anon and authenticated',
        }];
      });
    return [...views, ...matviews];
  },
};
