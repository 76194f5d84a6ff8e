/** enum-value-ordering (style): ALTER TYPE ... ADD VALUE without BEFORE/AFTER puts the value last, which decides sorting. */
import { inner, sval } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const enumValueOrdering: LintRule = {
  id: 'enum-value-ordering',
  severity: 'info',
  optIn: true,
  description: 'new enum values should say where they go (BEFORE or AFTER)',
  instead: "ALTER TYPE ... ADD VALUE 'new' AFTER 'existing' (enum values sort in declaration order)",
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const e = inner<{ typeName?: unknown[]; newVal?: string; newValNeighbor?: string; oldVal?: string }>(place.stmt, 'AlterEnumStmt');
      if (!e?.newVal || e.oldVal || e.newValNeighbor) return [];
      const name = (e.typeName ?? []).map(sval).join('.');
      return [at(place, { kind: 'type', object: name, message: `'${e.newVal}' is added at the end of enum ${name}: enum values sort and compare in declaration order`, hint: enumValueOrdering.instead! })];
    }, { includeFailed: true }),
};
