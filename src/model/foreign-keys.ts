/** Foreign keys whose column type differs from the type of the key they reference. */
import { tableId } from './ident.js';
import type { Schema } from './types.js';

export interface ForeignKeyTypeMismatch {
  table: string;
  constraint: string;
  column: string;
  type: string;
  references: string;
  referencedType: string;
}

export function foreignKeyTypeMismatches(schema: Schema): ForeignKeyTypeMismatch[] {
  const tables = new Map(schema.tables.map((t) => [tableId(t), t]));
  const out: ForeignKeyTypeMismatch[] = [];
  for (const t of schema.tables) {
    for (const k of t.constraints) {
      const target = k.references && tables.get(k.references.table);
      if (!k.references || !target) continue;
      k.columns.forEach((column, i) => {
        const type = t.columns.find((c) => c.name === column)?.type;
        const refColumn = k.references!.columns[i]!;
        const referencedType = target.columns.find((c) => c.name === refColumn)?.type;
        if (type && referencedType && type !== referencedType) {
          out.push({ table: tableId(t), constraint: k.name, column, type, references: `${k.references!.table}.${refColumn}`, referencedType });
        }
      });
    }
  }
  return out;
}

export const FK_TYPE_WHY = 'Joins on the key cast on every row and cannot use the index; values valid on one side may not fit the other.';
