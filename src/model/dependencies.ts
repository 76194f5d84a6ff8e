/** Questions about `Schema.dependencies` (what uses what, as the catalog's pg_depend records it). */
import type { FunctionDef, ObjectRef, Schema } from './types.js';

/** One string per object, for sets and lookups. */
export const refKey = (r: ObjectRef): string => JSON.stringify([r.kind, r.schema, r.parent ?? '', r.name, r.args ?? '']);

export const functionRef = (f: FunctionDef): ObjectRef => ({ kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs });

/** The objects that use any of `used` directly. */
export function usersOf(schema: Schema, used: ObjectRef[]): ObjectRef[] {
  const keys = new Set(used.map(refKey));
  const out = new Map<string, ObjectRef>();
  for (const d of schema.dependencies ?? []) if (keys.has(refKey(d.uses))) out.set(refKey(d.object), d.object);
  return [...out.values()];
}

/** What `object` uses directly. */
export function usedBy(schema: Schema, object: ObjectRef): ObjectRef[] {
  const k = refKey(object);
  return (schema.dependencies ?? []).filter((d) => refKey(d.object) === k).map((d) => d.uses);
}
