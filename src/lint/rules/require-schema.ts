/** require-schema (style): tables named without their schema land wherever search_path points. */
import { createdTable, inner, type RangeVar } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const requireSchema: LintRule = {
  id: 'require-schema',
  severity: 'info',
  optIn: true,
  description: 'CREATE TABLE and ALTER TABLE should name the schema',
  instead: 'write public.my_table (or the schema you mean)',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const rv: RangeVar | undefined = createdTable(place.stmt) ?? inner<{ relation?: RangeVar }>(place.stmt, 'AlterTableStmt')?.relation;
      // Temporary tables live in their own schema.
      if (!rv || rv.schemaname || (rv as { relpersistence?: string }).relpersistence === 't') return [];
      return [at(place, { kind: 'table', object: rv.relname, message: `${rv.relname} is named without a schema: it goes wherever the session's search_path points first`, hint: requireSchema.instead! })];
    }),
};
