/**
 * A comparison where one side is a Prisma schema reports what Prisma itself would call drift, and
 * lists everything else apart as "not expressible in Prisma": what the database has but a Prisma schema
 * cannot say (CHECK and EXCLUDE constraints, DEFERRABLE, partitioning, partial or expression indexes
 * the schema does not declare, NOT NULL on a list column, RLS, policies, functions, triggers, views,
 * comments, extensions) and objects in schemas the Prisma schema does not manage. Nothing is hidden.
 *
 * What is never drift for Prisma is dropped: column order and enum value order (Prisma appends), and
 * a unique constraint versus a unique index of the same name and columns (Prisma treats them alike).
 * A different name of an index or constraint is drift (Prisma renames it), not a note.
 */
import { tableId, quoteIdent } from '../model/ident.js';
import type { IndexDef, Schema, TableDef, ConstraintDef } from '../model/types.js';
import type { Change, ChangeKind } from './types.js';

/** Kinds a Prisma schema cannot describe at all. */
const PRISMA_BLIND_SPOTS: ChangeKind[] = ['rls', 'policy', 'view', 'materialized view', 'function', 'trigger', 'publication', 'grant', 'comment', 'extension', 'domain', 'type'];

export interface PrismaSplit {
  changes: Change[];
  notExpressible: Change[];
}

/** The first name of an identity (`public."T".col` → `public`). */
function firstName(identity: string): string {
  const m = /^"((?:[^"]|"")*)"|^([^.]*)/.exec(identity)!;
  return m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!;
}

/** The last name of an identity (`public."T"."my index"` → `my index`). */
function lastName(identity: string, prefix: string): string {
  const rest = identity.slice(prefix.length + 1);
  return rest.startsWith('"') ? rest.slice(1, -1).replaceAll('""', '"') : rest;
}

const isPartialOrExpression = (i: IndexDef) => Boolean(i.where) || i.keys.some((k) => k.includes('('));
const CONSTRAINTS_PRISMA_CANNOT_SAY = new Set<ConstraintDef['type']>(['check', 'exclusion']);

export function splitForPrisma(changes: Change[], prisma: Schema, other: Schema): PrismaSplit {
  const managed = new Set(prisma.schemas.map((s) => s.name));
  const tables = (s: Schema) => new Map(s.tables.map((t) => [tableId(t), t]));
  const [prismaTables, otherTables] = [tables(prisma), tables(other)];
  const kept: Change[] = [];
  const apart: Change[] = [];
  const setApart = (c: Change, reason: string) => apart.push({ ...c, severity: 'info', message: `${c.message} (${reason})` });

  const lookup = (c: Change) => {
    const table = c.table ?? '';
    const name = c.table ? lastName(c.object, c.table) : '';
    const inPrisma = prismaTables.get(table);
    const inOther = otherTables.get(table);
    return { name, inPrisma, inOther };
  };
  const uniqueTwins = findUniqueTwins(changes, lookup);

  for (const c of changes) {
    if (c.attribute === 'column order' || (c.kind === 'enum' && c.attribute === 'order')) continue;
    if (PRISMA_BLIND_SPOTS.includes(c.kind)) {
      setApart(c, `not expressible in Prisma`);
      continue;
    }
    const schema = c.kind === 'schema' ? c.object : firstName(c.table ?? c.object);
    if (!managed.has(schema)) {
      setApart(c, `outside the schemas the Prisma schema manages: ${[...managed].join(', ') || 'none'}`);
      continue;
    }
    const { name, inPrisma, inOther } = lookup(c);
    if (c.kind === 'constraint') {
      const k = inOther?.constraints.find((x) => x.name === name) ?? inPrisma?.constraints.find((x) => x.name === name);
      if (uniqueTwins.has(c)) {
        if (k?.deferrable) setApart({ ...c, message: `unique constraint ${quoteIdent(name)} on ${c.table} is DEFERRABLE` }, 'not expressible in Prisma');
        continue;
      }
      if (k && CONSTRAINTS_PRISMA_CANNOT_SAY.has(k.type)) {
        setApart(c, `${k.type} constraints are not expressible in Prisma`);
        continue;
      }
      if (c.attribute === 'definition' && withoutDeferrable(String(c.from)) === withoutDeferrable(String(c.to))) {
        setApart(c, 'DEFERRABLE is not expressible in Prisma');
        continue;
      }
    }
    if (c.kind === 'index') {
      if (uniqueTwins.has(c)) continue;
      const index = inOther?.indexes.find((x) => x.name === name);
      const declared = inPrisma?.indexes.find((x) => x.name === name);
      if (index && !declared && isPartialOrExpression(index)) {
        setApart(c, 'a partial or expression index the Prisma schema does not declare');
        continue;
      }
      if (c.action === 'different' && c.attribute === 'definition' && index && declared) {
        if (!declared.where && withoutPredicate(index) === withoutPredicate(declared)) {
          setApart(c, 'its WHERE clause is not declared in the Prisma schema');
          continue;
        }
        if (index.definition.replace(' ON ONLY ', ' ON ') === declared.definition.replace(' ON ONLY ', ' ON ')) {
          setApart(c, 'built ON ONLY the partitioned table; partitioning is not expressible in Prisma');
          continue;
        }
      }
    }
    if (c.kind === 'table' && c.action === 'different' && c.attribute !== 'name') {
      setApart(c, 'not expressible in Prisma');
      continue;
    }
    if (c.kind === 'column' && c.attribute === 'notNull' && inPrisma?.columns.find((x) => x.name === name)?.type.endsWith('[]')) {
      setApart(c, 'Prisma creates every list column nullable and cannot declare it NOT NULL');
      continue;
    }
    if ((c.kind === 'index' || c.kind === 'constraint') && c.attribute === 'name') {
      kept.push({ ...c, severity: 'warning', message: `${c.message} (Prisma would rename it)` });
      continue;
    }
    kept.push(c);
  }
  return { changes: kept, notExpressible: apart };
}

function withoutDeferrable(definition: string): string {
  return definition.replace(/ (NOT )?DEFERRABLE( INITIALLY (DEFERRED|IMMEDIATE))?$/, '');
}

function withoutPredicate(i: IndexDef): string {
  return i.definition.replace(/ WHERE .*$/, '');
}

/**
 * A missing unique index and an extra unique constraint (or the reverse) with the same name and
 * columns on the same table: the same thing to Prisma.
 */
function findUniqueTwins(
  changes: Change[],
  lookup: (c: Change) => { name: string; inPrisma?: TableDef; inOther?: TableDef },
): Set<Change> {
  const twins = new Set<Change>();
  const columnsOfIndex = (t: TableDef | undefined, name: string) => {
    const i = t?.indexes.find((x) => x.name === name && x.unique && !x.where);
    return i && !isPartialOrExpression(i) ? i.keys.join(',') : undefined;
  };
  const columnsOfUnique = (t: TableDef | undefined, name: string) => {
    const k = t?.constraints.find((x) => x.name === name && x.type === 'unique');
    return k?.columns?.map(quoteIdent).join(',');
  };
  for (const index of changes.filter((c) => c.kind === 'index' && (c.action === 'missing' || c.action === 'extra'))) {
    const { name, inPrisma, inOther } = lookup(index);
    const partner = changes.find((c) => c.kind === 'constraint' && c.table === index.table && c.action !== index.action && (c.action === 'missing' || c.action === 'extra') && lookup(c).name === name);
    if (!partner) continue;
    const indexCols = columnsOfIndex(inPrisma, name) ?? columnsOfIndex(inOther, name);
    const uniqueCols = columnsOfUnique(inOther, name) ?? columnsOfUnique(inPrisma, name);
    if (indexCols !== undefined && indexCols === uniqueCols) {
      twins.add(index);
      twins.add(partner);
    }
  }
  return twins;
}
