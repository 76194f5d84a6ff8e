/**
 * An identity column's sequence options, as the model holds them: only those that are not
 * PostgreSQL's defaults for the column's type, written as SQL in one order (`increment by 5 start
 * with 100`), so that two columns compare by text and a plan can write them back.
 */

export interface SequenceValues {
  increment: string;
  min: string;
  max: string;
  start: string;
  cache: string;
  cycle: boolean;
}

const RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** PostgreSQL's defaults for a sequence of this type, ascending or (for a negative increment) descending (CREATE SEQUENCE's documentation). */
function defaults(type: string, increment: bigint): SequenceValues {
  const [low, high] = RANGE[type] ?? RANGE.bigint!;
  const [min, max] = increment > 0n ? [1n, high] : [low, -1n];
  return { increment: '1', min: String(min), max: String(max), start: String(increment > 0n ? min : max), cache: '1', cycle: false };
}

const clause = (k: keyof SequenceValues, v: string | boolean) =>
  k === 'cycle' ? (v ? 'cycle' : 'no cycle') : `${{ increment: 'increment by', min: 'minvalue', max: 'maxvalue', start: 'start with', cache: 'cache' }[k]} ${v as string}`;
const KEYS = ['increment', 'min', 'max', 'start', 'cache', 'cycle'] as const;

/** The options that differ from the defaults, or undefined when none do. */
export function identityOptionsText(type: string, v: SequenceValues): string | undefined {
  const d = defaults(type, BigInt(v.increment));
  const parts = KEYS.filter((k) => String(v[k]) !== String(d[k])).map((k) => clause(k, v[k]));
  return parts.length ? parts.join(' ') : undefined;
}

/** Every value of an identity's sequence: those its options text gives, the defaults for the rest. */
export function identityValues(type: string, text: string | undefined): SequenceValues {
  const given = (k: keyof SequenceValues) => new RegExp(`${clause(k, '').trim()} (-?\\d+)`).exec(text ?? '')?.[1];
  const d = defaults(type, BigInt(given('increment') ?? '1'));
  const cycle = /(^| )cycle\b/.test(text ?? '') && !/no cycle/.test(text ?? '');
  return { increment: given('increment') ?? d.increment, min: given('min') ?? d.min, max: given('max') ?? d.max, start: given('start') ?? d.start, cache: given('cache') ?? d.cache, cycle };
}

/** Every option, the given ones or the defaults, for `alter column … set …`: what the column must end with. */
export function allIdentityOptions(type: string, text: string | undefined): string[] {
  const v = identityValues(type, text);
  return KEYS.map((k) => clause(k, v[k]));
}
