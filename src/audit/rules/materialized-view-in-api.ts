/** materialized-view-in-api (splinter 0016): a materialized view the API roles may select, which row level security cannot protect. */
import { qualify } from '../../model/ident.js';
import { relationsRead } from '../expressions.js';
import type { AuditRule } from '../types.js';
import { closedTo, guardedTables } from './scope.js';

export const materializedViewInApi: AuditRule = {
  id: 'materialized-view-in-api',
  severity: 'warning',
  description: 'materialized views in an exposed schema are readable in full by the API roles: they have no row level security',
  check: (schema, options) => {
    const guarded = guardedTables(schema, options);
    return schema.materializedViews
      .filter((m) => options.exposedSchemas.includes(m.schema) && !closedTo(m, options.roles, ['SELECT']))
      .map((m) => {
        const tables = relationsRead(m.definition).filter((r) => guarded.has(r));
        return {
          kind: 'materialized view',
          object: qualify(m.schema, m.name),
          message: `materialized view ${qualify(m.schema, m.name)} in the exposed schema ${m.schema} can be read whole by ${options.roles.join(' and ')}${tables.length ? `, and it holds rows of ${tables.join(', ')}, which the API does not give them` : ''}`,
          hint: 'move it to a schema the API does not expose, or revoke select on it from the API roles',
        };
      });
  },
};
