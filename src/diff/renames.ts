/**
 * Probable renames: an object missing on one side and a compatible one extra on the other is more
 * likely a rename (`model_version` → `version`) than a drop plus an add. Scores are plain heuristics
 * in 0..1; a pairing is reported only when each is the other's best match above the threshold.
 * The config can confirm a rename (confidence 1) or reject one (never paired).
 */

export interface RenameDecision {
  /** `table` or `column`. */
  kind: 'table' | 'column';
  /** Identity in `from` (`public.models` or `public.models.model_version`, quoted as identities are). */
  from: string;
  /** The new name (just the name, not the identity). */
  to: string;
  /** false: the config says this is not a rename. */
  confirmed: boolean;
}

export interface RenamePair<T> {
  from: T;
  to: T;
  confidence: number;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function editSimilarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length, 1);
}

/** How alike two names are, 0..1: shared words, or spelling. */
export function nameSimilarity(a: string, b: string): number {
  const wa = new Set(words(a));
  const wb = new Set(words(b));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const byWords = shared / Math.max(wa.size, wb.size, 1);
  return Math.max(byWords, editSimilarity(a, b));
}

/**
 * Pair `extra` (in from) with `missing` (in to) objects: `score` rates a pair (undefined = never),
 * `decided` returns the config's decision for a pair, if any.
 */
export function pairRenames<T>(
  extra: T[],
  missing: T[],
  score: (from: T, to: T) => number | undefined,
  decided: (from: T, to: T) => boolean | undefined,
  threshold: number,
): RenamePair<T>[] {
  const candidates: RenamePair<T>[] = [];
  for (const f of extra) {
    for (const t of missing) {
      const decision = decided(f, t);
      if (decision === false) continue;
      const confidence = decision ? 1 : score(f, t);
      if (confidence !== undefined && confidence >= threshold) candidates.push({ from: f, to: t, confidence });
    }
  }
  candidates.sort((a, b) => b.confidence - a.confidence);
  const used = new Set<T>();
  const pairs: RenamePair<T>[] = [];
  for (const c of candidates) {
    if (used.has(c.from) || used.has(c.to)) continue;
    // Ambiguous: another candidate for the same object is as good.
    const rival = candidates.some(
      (o) => o !== c && o.confidence === c.confidence && !used.has(o.from) && !used.has(o.to) && (o.from === c.from || o.to === c.to),
    );
    if (rival && c.confidence < 1) continue;
    used.add(c.from);
    used.add(c.to);
    pairs.push(c);
  }
  return pairs;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
