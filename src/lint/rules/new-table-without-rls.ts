/** new-table-without-rls: a table created in an exposed schema of a Supabase project that no migration protects with row level security. */
import { createdTable, locateByte, relationKey, relationSql, renamedTable, type RangeVar } from '../ast.js';
import type { FindingDraft, LintRule } from '../types.js';
import { eachStatement } from './walk.js';

export const newTableWithoutRls: LintRule = {
  id: 'new-table-without-rls',
  severity: 'warning',
  description: 'tables created in a schema the Supabase API exposes must get row level security',
  check: (ctx) => {
    if (!ctx.supabase) return [];
    const unprotected = new Set(ctx.schema.tables.filter((t) => !t.rls.enabled && ctx.exposedSchemas.includes(t.schema)).map((t) => `${t.schema}.${t.name}`));
    // Where each table's final name was created: a table renamed after creation is followed to its last name.
    const created: { rv: RangeVar; finalName: string; draft: Omit<FindingDraft, 'message' | 'hint' | 'object' | 'kind'> }[] = [];
    eachStatement(ctx, ({ file, stmt }) => {
      const t = createdTable(stmt);
      if (t && stmt.node.CreateStmt) created.push({ rv: t, finalName: relationKey(t), draft: { file: file.path, ...locateByte(stmt, file.text, t.location) } });
      const renamed = renamedTable(stmt);
      if (renamed) for (const c of created) if (c.finalName === renamed.from) c.finalName = renamed.to;
      return [];
    });
    return created
      .filter((c) => unprotected.delete(c.finalName))
      .map((c) => {
        const [schema, name] = [c.finalName.slice(0, c.finalName.indexOf('.')), c.finalName.slice(c.finalName.indexOf('.') + 1)];
        const renamed = c.finalName !== relationKey(c.rv) ? ` (created as ${relationKey(c.rv)})` : '';
        return {
          kind: 'table',
          object: c.finalName,
          ...c.draft,
          message: `table ${c.finalName}${renamed} is in the exposed schema ${schema}, and no migration enables row level security on it`,
          hint: `alter table ${relationSql({ schemaname: schema, relname: name })} enable row level security; then add policies`,
        };
      });
  },
};
