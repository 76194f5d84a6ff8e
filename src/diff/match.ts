/** Pairing two lists of objects by key. */
export interface Matched<T> {
  /** In `to` only. */
  missing: T[];
  /** In `from` only. */
  extra: T[];
  /** In both, as [from, to]. */
  both: [T, T][];
}

export function match<T>(from: T[], to: T[], key: (x: T) => string): Matched<T> {
  const toByKey = new Map(to.map((x) => [key(x), x]));
  const fromKeys = new Set<string>();
  const extra: T[] = [];
  const both: [T, T][] = [];
  for (const f of from) {
    const k = key(f);
    fromKeys.add(k);
    const t = toByKey.get(k);
    if (t === undefined) extra.push(f);
    else both.push([f, t]);
  }
  return { missing: to.filter((t) => !fromKeys.has(key(t))), extra, both };
}
