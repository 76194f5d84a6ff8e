/** graphql-table-exposed (splinter 0026, 0027): with pg_graphql installed, tables the API roles may select show in the GraphQL schema. */
import { tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { closedTo, exposedTables } from './scope.js';

export const graphqlTableExposed: AuditRule = {
  id: 'graphql-table-exposed',
  severity: 'info',
  description: 'with pg_graphql, every table the API roles may select is listed in the public GraphQL schema',
  check: (schema, options) => {
    if (!options.graphql && !schema.extensions.some((e) => e.name === 'pg_graphql')) return [];
    return exposedTables(schema, options).flatMap((t) => {
      const roles = options.roles.filter((r) => !closedTo(t, [r], ['SELECT']));
      if (!roles.length) return [];
      return [{
        kind: 'table',
        object: tableId(t),
        message: `table ${tableId(t)}, its columns and relations are visible to ${roles.join(' and ')} in the GraphQL schema of pg_graphql (introspection), whatever its policies let them read`,
        hint: `revoke select on ${tableId(t)} from the roles that need not see it, or drop pg_graphql if the project does not use GraphQL`,
      }];
    });
  },
};
