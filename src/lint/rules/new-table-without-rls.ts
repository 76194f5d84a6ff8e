/** new-table-without-rls: a table created in an exposed schema that no migration protects with row level security. */
import { createdTable, locateByte, relationKey } from '../ast.js';
import type { LintRule } from '../types.js';
import { eachStatement } from './walk.js';

export const newTableWithoutRls: LintRule = {
  id: 'new-table-without-rls',
  severity: 'warning',
  description: 'tables created in an exposed schema must get row level security',
  check: (ctx) => {
    const unprotected = new Set(ctx.schema.tables.filter((t) => !t.rls.enabled && ctx.exposedSchemas.includes(t.schema)).map((t) => `${t.schema}.${t.name}`));
    return eachStatement(ctx, ({ file, stmt }) => {
      const t = createdTable(stmt);
      if (!t || !unprotected.has(relationKey(t)) || !stmt.node.CreateStmt) return [];
      unprotected.delete(relationKey(t));
      return [{
        kind: 'table',
        object: relationKey(t),
        file: file.path,
        ...locateByte(stmt, file.text, t.location),
        message: `table ${relationKey(t)} is created in the exposed schema ${t.schemaname ?? 'public'} and no migration enables row level security on it`,
        hint: `alter table ${relationKey(t)} enable row level security; then add policies`,
      }];
    });
  },
};
