/** Questions about `Schema.dependencies` (what uses what, as the catalog's pg_depend records it). */
import type { FunctionDef, ObjectRef, Schema } from './types.js';

/** One string per object, for sets and lookups. */
export const refKey = (r: ObjectRef): string => JSON.stringify([r.kind, r.schema, r.parent ?? '', r.name, r.args ?? '']);

export const functionRef = (f: FunctionDef): ObjectRef => ({ kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs });

interface Index {
  users: Map<string, ObjectRef[]>;
  uses: Map<string, ObjectRef[]>;
}

/** Each schema's dependencies, indexed both ways once (the planner asks again and again). */
const indexes = new WeakMap<Schema, Index>();

function indexOf(schema: Schema): Index {
  let index = indexes.get(schema);
  if (!index) {
    index = { users: new Map(), uses: new Map() };
    const push = (m: Map<string, ObjectRef[]>, k: string, r: ObjectRef) => (m.get(k) ?? m.set(k, []).get(k)!).push(r);
    for (const d of schema.dependencies ?? []) {
      push(index.users, refKey(d.uses), d.object);
      push(index.uses, refKey(d.object), d.uses);
    }
    indexes.set(schema, index);
  }
  return index;
}

/** The objects that use any of `used` directly. */
export function usersOf(schema: Schema, used: ObjectRef[]): ObjectRef[] {
  const out = new Map<string, ObjectRef>();
  for (const u of used) for (const r of indexOf(schema).users.get(refKey(u)) ?? []) out.set(refKey(r), r);
  return [...out.values()];
}

/** What `object` uses directly. */
export function usedBy(schema: Schema, object: ObjectRef): ObjectRef[] {
  return indexOf(schema).uses.get(refKey(object)) ?? [];
}
