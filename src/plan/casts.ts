/** What a column type change can do: keep every value (widening), run at all (a cast exists), and how it is written. */

/** Type changes that keep every value: to text, wider varchar, wider integers, unconstrained numeric. */
export function isWidening(from: string, to: string): boolean {
  if (to === 'text' || to === 'character varying' || to === 'numeric') return true;
  const len = (t: string) => Number(/^character varying\((\d+)\)$/.exec(t)?.[1]);
  if (len(from) && len(to)) return len(to) >= len(from);
  const ints = ['smallint', 'integer', 'bigint'];
  return ints.includes(from) && ints.indexOf(to) >= ints.indexOf(from);
}

/** Type families within which (or to and from a string type) PostgreSQL has a cast; between them mostly none. */
const TYPE_FAMILY: Record<string, string> = {
  smallint: 'number', integer: 'number', bigint: 'number', numeric: 'number', real: 'number', 'double precision': 'number', money: 'number',
  date: 'time', 'timestamp without time zone': 'time', 'timestamp with time zone': 'time',
  'time without time zone': 'clock', 'time with time zone': 'clock', interval: 'interval',
  uuid: 'uuid', boolean: 'boolean', bytea: 'bytea', json: 'json', jsonb: 'json', inet: 'network', cidr: 'network',
};
const STRINGS = new Set(['text', 'character varying', 'character', 'name', 'citext']);
const base = (t: string) => t.replace(/\(.*\)/, '').replace(/\[\]$/, '');

/** Whether `alter column … type to using col::to` can run: false where PostgreSQL has no cast between them. */
export function hasCast(from: string, to: string): boolean {
  const [a, b] = [base(from), base(to)];
  if (from.endsWith('[]') !== to.endsWith('[]')) return false;
  if (STRINGS.has(a) || STRINGS.has(b) || !TYPE_FAMILY[a] || !TYPE_FAMILY[b]) return true;
  return TYPE_FAMILY[a] === TYPE_FAMILY[b] || (a === 'integer' && b === 'boolean') || (a === 'boolean' && b === 'integer');
}

/** Between user types (enums, domains) there is rarely a direct cast; through text there is. */
export function castVia(from: string, to: string): string {
  return from.includes('.') || to.includes('.') ? '::text' : '';
}
